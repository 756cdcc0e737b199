"""`python -m console.emulator.moto_main [moto.server arguments]`: moto's server with the
console's corrections (console.emulator.cognito_fixes). Imports moto only, never Django."""

from moto.server import main

from console.emulator import federation_fixes, service_quotas
from console.emulator.cognito_fixes import apply

if __name__ == "__main__":
    apply()
    federation_fixes.apply()
    service_quotas.apply()
    main()
