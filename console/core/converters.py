from urllib.parse import unquote


class PoolIdConverter:
    """Cognito user pool ids look like 'eu-west-1_AbC123xyz'."""

    regex = r"[a-z]{2}(?:-[a-z]+)+-\d_[0-9A-Za-z]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def name_to_url(name: str) -> str:
    """A Cognito user or group name as ONE path segment that no browser rewrites.

    Names may hold "/", "." and "%" (Cognito allows most punctuation). Browsers remove "." and
    ".." segments (and their encoded forms %2e) before sending a request, so "evil/../victim"
    would reach user "victim" and "x/.." the list above it. Encoding "%" and "/" makes the whole
    name a single segment; a name that is only dots gets its dots encoded too. reverse() then
    quotes the "%" once more ("%2F" -> "%252F"), which the server decodes back to "%2F" and
    NameConverter.to_python to "/". Readable names (e-mail addresses) stay unchanged."""
    segment = name.replace("%", "%25").replace("/", "%2F")
    if segment.strip(".") == "":
        segment = segment.replace(".", "%2E")
    return segment


class NameConverter:
    """User names and group names in URLs (see name_to_url). Raw slashes are still accepted,
    so an address typed by hand keeps working."""

    regex = r".+"

    def to_python(self, value):
        return unquote(value)

    def to_url(self, value):
        return name_to_url(value)
