# azd preprovision hook: make sure the azd environment holds a stable read-token key (DESIGN §9).
# azd exports the environment's values to hooks, so an existing key is left untouched.
$ErrorActionPreference = 'Stop'
if ([string]::IsNullOrEmpty($env:TRACKING_READ_TOKEN_KEY)) {
    $bytes = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
    $key = [System.Convert]::ToHexString($bytes).ToLowerInvariant()
    azd env set TRACKING_READ_TOKEN_KEY $key | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'azd env set TRACKING_READ_TOKEN_KEY failed' }
    Write-Host 'Generated TRACKING_READ_TOKEN_KEY (64 hex chars) and stored it in the azd environment.'
}
