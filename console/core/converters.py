class PoolIdConverter:
    """Cognito user pool ids look like 'eu-west-1_AbC123xyz'."""

    regex = r"[a-z]{2}(?:-[a-z]+)+-\d_[0-9A-Za-z]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
