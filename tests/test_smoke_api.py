"""The API answers over HTTP, authenticated."""

VIEWER = "{ viewer { role user { email } organization { name } } }"


async def test_viewer_names_the_caller(admin):
    data = await admin(VIEWER)
    assert data == {
        "viewer": {
            "role": "ADMIN",
            "user": {"email": "admin@acme.example"},
            "organization": {"name": "Acme"},
        }
    }
