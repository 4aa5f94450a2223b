"""URL configuration: HTML pages per app and the typed API under /api/v1/."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

from borderlink.accounts import views as accounts
from borderlink.api import api
from borderlink.crossings import views as crossings
from borderlink.identity import views as identity
from borderlink.ingest import views as ingest
from borderlink.registry import views as registry
from borderlink.screening import views as screening

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="crossing-list", permanent=False)),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("crossings/", crossings.crossing_list, name="crossing-list"),
    path("crossings/<str:uid>/", crossings.crossing_detail, name="crossing-detail"),
    path("persons/search/", identity.person_search, name="person-search"),
    path("persons/review/", identity.person_review, name="person-review"),
    path("persons/<int:person_id>/", identity.person_detail, name="person-detail"),
    path("persons/<int:person_id>/decide/", identity.person_decision, name="person-decision"),
    path("imports/", ingest.import_list, name="import-list"),
    path("imports/upload/", ingest.upload, name="import-upload"),
    path("imports/<int:pk>/", ingest.import_detail, name="import-detail"),
    path("quarantine/", ingest.quarantine_list, name="quarantine-list"),
    path("quarantine/<int:pk>/", ingest.quarantine_detail, name="quarantine-detail"),
    path("quarantine/<int:pk>/action/", ingest.quarantine_action, name="quarantine-action"),
    path("checkpoints/", registry.checkpoint_list, name="checkpoint-list"),
    path("alerts/", screening.alert_list, name="alert-list"),
    path("alerts/new/", screening.alert_create, name="alert-create"),
    path("alerts/<int:pk>/", screening.alert_detail, name="alert-detail"),
    path("alerts/<int:pk>/edit/", screening.alert_edit, name="alert-edit"),
    path("alerts/<int:pk>/extend/", screening.alert_extend, name="alert-extend"),
    path("alerts/<int:pk>/withdraw/", screening.alert_withdraw, name="alert-withdraw"),
    path("hits/", screening.hit_list, name="hit-list"),
    path("hits/<int:pk>/", screening.hit_detail, name="hit-detail"),
    path("hits/<int:pk>/status/", screening.hit_status, name="hit-status"),
    path("notifications/", screening.notification_list, name="notification-list"),
    path("arrivals/", screening.arrival_list, name="arrival-list"),
    path("account/tokens/", accounts.tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", accounts.revoke_token, name="token-revoke"),
    path("account/roles/", accounts.role_table, name="role-table"),
    path("access-log/", accounts.access_log, name="access-log"),
    path("api/v1/", api.urls),
]
