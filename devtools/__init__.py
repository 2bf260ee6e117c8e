"""Tools for people working on the code, not for the programme's users: synthetic data at
programme scale (`seed_scale`), the HTTP benchmark and its settings (`bench_http`,
`settings_bench`), profiles (`bench_profile`). Nothing in the product imports it."""
