"""The classic hosted UI's customisation form: CSS and a logo, size- and type-checked before any
call (Cognito's limits: CSS up to 131,072 characters, per its API model; a logo under 100 KB,
PNG or JPEG, per its documentation)."""

from django import forms

from console.accounts.policy import ReasonField

CSS_MAX = 131_072
LOGO_MAX = 100 * 1024
# What a PNG or JPEG file starts with, and its extensions.
LOGO_TYPES = {"image/png": (b"\x89PNG\r\n\x1a\n", (".png",)), "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg"))}


def image_type(data: bytes, name: str, types: dict) -> str:
    """The type of an upload whose content and extension agree on one of `types`, or "" (an SVG,
    text, may start with white space)."""
    for kind, (magic, extensions) in types.items():
        content = data.lstrip() if magic == b"<" else data
        if content.startswith(magic) and name.lower().endswith(extensions):
            return kind
    return ""


def checked_upload(upload, *, most: int, limit: str, types: dict, what: str, allowed: str) -> tuple[bytes, str] | None:
    """An upload's bytes and type, refused with a clear message when it is over `most` bytes
    (`limit` says so to people) or not one of `types`; None when nothing was uploaded."""
    if not upload:
        return None
    if upload.size > most:
        raise forms.ValidationError(f"The {what} is {upload.size:,} bytes; Cognito takes {limit}.")
    data = upload.read()
    kind = image_type(data, upload.name, types)
    if not kind:
        raise forms.ValidationError(f"The {what} must be {allowed}, with a matching file extension.")
    return data, kind


class UICustomizationForm(forms.Form):
    css = forms.CharField(label="CSS", required=False, strip=False, max_length=CSS_MAX,
                          widget=forms.Textarea(attrs={"rows": 12, "class": "mono"}),
                          help_text="Cognito's hosted-UI classes only (for example .banner-customizable); "
                                    f"at most {CSS_MAX:,} characters.")
    logo = forms.FileField(label="New logo", required=False,
                           help_text="PNG or JPEG, under 100 KB. Leave empty to keep the current logo.")
    reason = ReasonField()

    def clean_css(self):
        return self.cleaned_data["css"].replace("\r\n", "\n")

    def clean_logo(self):
        checked = checked_upload(self.cleaned_data.get("logo"), most=LOGO_MAX - 1, limit="under 100 KB (102,400 bytes)",
                                 types=LOGO_TYPES, what="logo",
                                 allowed="a PNG (.png) or JPEG (.jpg, .jpeg) image")
        return checked and {"bytes": checked[0], "type": checked[1]}
