"""The site's URLs plus the benchmark floor (used by config/settings_bench.py only)."""

from django.urls import path

from config.bench import floor
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("_bench/floor/", floor, name="bench-floor"), *site_urlpatterns]
