"""URL configuration: HTML pages per app and the typed API under /api/v1/."""


urlpatterns: list = []
