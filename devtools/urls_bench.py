"""The site's URLs plus the benchmark floor (used by devtools/settings_bench.py only)."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from devtools.bench import floor

urlpatterns = [path("_bench/floor/", floor, name="bench-floor"), *site_urlpatterns]
