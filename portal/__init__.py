"""The top floor: pages that span apps. The dashboard and the timeline, the directory's and the
plan's own pages and calendars, the work programme (trust fund, support landscape, peer
learning, outputs, public release), the public site, the programme report, the demo programme
and the reference-data loader. It may import every feature app; none imports it."""
