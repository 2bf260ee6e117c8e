"""Settings for `make bench` only: the production settings plus what a measurement needs.

- `/_bench/floor/`: a view that returns fixed JSON without touching the database, the floor
  every page's throughput is compared with (served through the same middleware stack).
- Query counting, per request, only when the request asks for it (`X-Bench-Count: 1`), so the
  timed runs are not slowed by it.
- The API's fair-use limits are lifted: the load generator would hit them in a second.
Never used to serve users.
"""

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE, REST_FRAMEWORK

ROOT_URLCONF = "devtools.urls_bench"
MIDDLEWARE = ["devtools.bench.QueryCountMiddleware", *MIDDLEWARE]
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"burst": "100000000/min", "sustained": "100000000/hour"},
}
# The load generator speaks plain HTTP on the loopback interface: no redirect to HTTPS (the
# production default), which would send every request to a TLS port that is not there.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
