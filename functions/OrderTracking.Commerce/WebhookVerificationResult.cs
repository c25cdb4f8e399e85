namespace OrderTracking.Commerce;

/// <summary>Outcome of verifying a webhook's signature. Only <see cref="Valid"/> may be accepted.</summary>
public enum WebhookVerificationResult
{
    /// <summary>The signature matches one of the configured secrets (and the timestamp is fresh where checked).</summary>
    Valid,
    /// <summary>The signature header (or a header the scheme needs) is absent or empty.</summary>
    MissingSignature,
    /// <summary>The signature header cannot be parsed (bad format, bad encoding, unsupported algorithm).</summary>
    MalformedSignature,
    /// <summary>The header is well formed but no signature matches.</summary>
    InvalidSignature,
    /// <summary>Stripe: the signed timestamp is further than the tolerance from now (either direction).</summary>
    TimestampOutOfTolerance,
    /// <summary>No secret (or PayPal webhook id) is configured: fail closed.</summary>
    NoSecretConfigured,
    /// <summary>PayPal: <c>PAYPAL-CERT-URL</c> is not an https URL on an allowed PayPal host; nothing was requested.</summary>
    UntrustedCertificateUrl,
    /// <summary>PayPal: the certificate failed chain, validity-period or subject checks, or could not be parsed.</summary>
    CertificateInvalid,
    /// <summary>PayPal: the certificate or the verification API could not be reached; the sender should retry.</summary>
    VerificationUnavailable,
}
