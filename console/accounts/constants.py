"""Role names, importable without Django (settings parse the OIDC role map)."""

# The three roles, most powerful first. Each is a Django group whose
# permissions are set by a data migration (accounts/roles.py).
ROLE_ADMIN = "admin"
ROLE_HELPDESK = "helpdesk"
ROLE_VIEWER = "viewer"
ROLES = (ROLE_ADMIN, ROLE_HELPDESK, ROLE_VIEWER)
