using System.Net;
using System.Security.Cryptography;
using System.Text;
using StripeNet = global::Stripe;

namespace OrderTracking.Commerce.Stripe;

/// <summary>What to write to one Stripe payment: its ids and the tracking the charge should carry.</summary>
/// <param name="ChargeId">The charge (<c>ch_…</c>), when known.</param>
/// <param name="PaymentIntentId">The PaymentIntent (<c>pi_…</c>); its <c>latest_charge</c> is used when no charge id is known.</param>
/// <param name="Carrier">Carrier display name (Stripe's <c>shipping.carrier</c> is free text).</param>
/// <param name="TrackingNumbers">Every number the order ships under with that carrier, in a stable order.</param>
public sealed record StripeTrackingTarget(string? ChargeId, string? PaymentIntentId, string Carrier, IReadOnlyList<string> TrackingNumbers);

/// <summary>The outcome of a write: done (with the charge id), or rejected by Stripe for good (with its message).</summary>
public sealed record StripeTrackingResult(bool Done, string? ChargeId, bool AlreadyPresent, string? Error)
{
    internal static StripeTrackingResult Written(string chargeId, bool alreadyPresent) => new(true, chargeId, alreadyPresent, null);

    internal static StripeTrackingResult Rejected(string error) => new(false, null, false, error);
}

/// <summary>
/// Writes tracking to a Stripe charge (reference §3): <c>shipping.carrier</c> and <c>shipping.tracking_number</c>,
/// re-sending the name and address Stripe requires with them (the whole <c>shipping</c> hash is replaced). The charge
/// is read first and left alone when it already carries the numbers; the update has a deterministic idempotency key,
/// so a retry (or a second instance) after a crash is one write. 429, 409, 5xx and network failures throw for the
/// queue to retry, as do 401/403 (a key to fix); any other 4xx is returned as rejected, with Stripe's message.
/// </summary>
public sealed class StripeTrackingWriter(StripeNet.IStripeClient client)
{
    /// <summary>Writes, or finds written, the target's tracking.</summary>
    public async Task<StripeTrackingResult> WriteAsync(StripeTrackingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            string? chargeId = target.ChargeId;
            if (chargeId is null && target.PaymentIntentId is { } intentId)
            {
                StripeNet.PaymentIntent intent = await new StripeNet.PaymentIntentService(client).GetAsync(intentId, cancellationToken: cancellationToken).ConfigureAwait(false);
                chargeId = intent.LatestChargeId;
            }

            if (chargeId is null)
            {
                return StripeTrackingResult.Rejected("The payment has no charge yet (PaymentIntent without latest_charge).");
            }

            var charges = new StripeNet.ChargeService(client);
            StripeNet.Charge charge = await charges.GetAsync(chargeId, cancellationToken: cancellationToken).ConfigureAwait(false);
            string tracking = string.Join(",", target.TrackingNumbers);
            if (charge.Shipping is { } current && current.TrackingNumber is { } present
                && target.TrackingNumbers.All(n => present.Split(',', StringSplitOptions.TrimEntries).Contains(n, StringComparer.Ordinal)))
            {
                return StripeTrackingResult.Written(chargeId, alreadyPresent: true);
            }

            string? name = charge.Shipping?.Name ?? charge.BillingDetails?.Name;
            StripeNet.Address? address = charge.Shipping?.Address ?? charge.BillingDetails?.Address;
            if (string.IsNullOrWhiteSpace(name) || address is null)
            {
                return StripeTrackingResult.Rejected("The charge has no shipping or billing name and address to re-send with the tracking (Stripe requires both).");
            }

            var options = new StripeNet.ChargeUpdateOptions
            {
                Shipping = new StripeNet.ChargeShippingOptions
                {
                    Name = name,
                    Phone = charge.Shipping?.Phone,
                    Address = new StripeNet.AddressOptions
                    {
                        Line1 = address.Line1,
                        Line2 = address.Line2,
                        City = address.City,
                        State = address.State,
                        PostalCode = address.PostalCode,
                        Country = address.Country,
                    },
                    Carrier = target.Carrier,
                    TrackingNumber = tracking,
                },
            };
            await charges.UpdateAsync(chargeId, options, new StripeNet.RequestOptions { IdempotencyKey = IdempotencyKey(chargeId, target.Carrier, tracking) }, cancellationToken)
                .ConfigureAwait(false);
            return StripeTrackingResult.Written(chargeId, alreadyPresent: false);
        }
        catch (StripeNet.StripeException ex) when (IsPermanent(ex.HttpStatusCode))
        {
            return StripeTrackingResult.Rejected($"Stripe answered {(int)ex.HttpStatusCode}: {ex.StripeError?.Message ?? ex.Message}");
        }
    }

    /// <summary>
    /// <c>ot-ship-{chargeId}-{hash}</c>: the same charge and tracking always give the same key (Stripe returns the first
    /// answer for a repeat); new tracking gives a new key (Stripe rejects a key reused with other parameters).
    /// </summary>
    public static string IdempotencyKey(string chargeId, string carrier, string tracking)
    {
        ArgumentNullException.ThrowIfNull(chargeId);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(carrier + "\n" + tracking));
        return $"ot-ship-{chargeId}-{Convert.ToHexStringLower(hash.AsSpan(0, 12))}";
    }

    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict or HttpStatusCode.RequestTimeout
            // A wrong or revoked key is the operator's to fix: keep retrying (then poison, replayable), never give up the write.
            or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
}
