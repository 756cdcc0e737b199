from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from console.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", login_not_required(views.LoginView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("security/", views.security, name="security"),
    path("security/2fa/start/", views.two_factor_start, name="two_factor_start"),
    path("security/2fa/enrol/", views.two_factor_enrol, name="two_factor_enrol"),
    path("security/2fa/disable/", views.two_factor_disable, name="two_factor_disable"),
    path("2fa/", views.two_factor_verify, name="two_factor_verify"),
]

if settings.CONSOLE_OIDC_ENABLED:
    # Only mounted when an OpenID Connect provider is configured.
    from mozilla_django_oidc import views as oidc_views

    urlpatterns += [
        path(
            "oidc/authenticate/",
            login_not_required(oidc_views.OIDCAuthenticationRequestView.as_view()),
            name="oidc_authentication_init",
        ),
        path(
            "oidc/callback/",
            login_not_required(oidc_views.OIDCAuthenticationCallbackView.as_view()),
            name="oidc_authentication_callback",
        ),
    ]
