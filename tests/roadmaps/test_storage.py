import pytest

from tests.factories import RoadmapFactory, RoadmapVersionFactory

pytestmark = pytest.mark.django_db


def test_drafts_are_stored_under_the_private_root_with_a_generated_name(ghana, settings):
    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), number=1)
    path = settings.PRIVATE_MEDIA_ROOT / version.file.name
    assert path.is_file()
    assert path.read_bytes().startswith(b"%PDF-")
    assert version.file.name.startswith(f"roadmaps/{version.roadmap_id}/")
    assert "draft" not in version.file.name  # never the uploader's name
    with pytest.raises(ValueError, match="no URL"):
        _ = version.file.url
