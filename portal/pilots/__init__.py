"""The pilot pages and the pilots API: a pilot with its roadmaps, their feedback, its
milestones and its support. They read the roadmaps app, which stands on the pilots app, so
they live up here; the pilots app keeps the records, their rules and services."""
