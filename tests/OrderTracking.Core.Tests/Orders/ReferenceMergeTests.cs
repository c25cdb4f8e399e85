using OrderTracking.Core.Orders;

namespace OrderTracking.Core.Tests.Orders;

public sealed class ReferenceMergeTests
{
    private static readonly DateTimeOffset s_approved = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_captured = s_approved.AddSeconds(5);

    private static readonly Dictionary<string, DateTimeOffset> s_noTimes = [];

    [Fact]
    public void LateApproval_AfterCapture_KeepsTheCaptureId()
    {
        var afterCapture = ReferenceMerge.Merge(
            new Dictionary<string, string>(), s_noTimes,
            new Dictionary<string, string> { [PlatformReferenceKeys.PayPalOrderId] = "5O190127TN364715T", [PlatformReferenceKeys.PayPalCaptureId] = "3C679366HH908993F" },
            s_captured);

        var afterApproval = ReferenceMerge.Merge(
            afterCapture.References, afterCapture.SetAt,
            new Dictionary<string, string> { [PlatformReferenceKeys.PayPalOrderId] = "5O190127TN364715T" },
            s_approved);

        Assert.Equal("3C679366HH908993F", afterApproval.References[PlatformReferenceKeys.PayPalCaptureId]);
        Assert.Equal("5O190127TN364715T", afterApproval.References[PlatformReferenceKeys.PayPalOrderId]);
        Assert.Equal(s_captured, afterApproval.SetAt[PlatformReferenceKeys.PayPalOrderId]);
    }

    [Fact]
    public void OlderEvent_NeverOverwritesANewerValue_ButANewerOneDoes()
    {
        var stored = new Dictionary<string, string> { [PlatformReferenceKeys.StripeChargeId] = "ch_new" };
        var storedAt = new Dictionary<string, DateTimeOffset> { [PlatformReferenceKeys.StripeChargeId] = s_captured };

        var older = ReferenceMerge.Merge(stored, storedAt, new Dictionary<string, string> { [PlatformReferenceKeys.StripeChargeId] = "ch_old" }, s_approved);
        var newer = ReferenceMerge.Merge(stored, storedAt, new Dictionary<string, string> { [PlatformReferenceKeys.StripeChargeId] = "ch_newer" }, s_captured.AddMinutes(1));

        Assert.Equal("ch_new", older.References[PlatformReferenceKeys.StripeChargeId]);
        Assert.Equal("ch_newer", newer.References[PlatformReferenceKeys.StripeChargeId]);
        Assert.Equal(s_captured.AddMinutes(1), newer.SetAt[PlatformReferenceKeys.StripeChargeId]);
    }

    [Fact]
    public void EventWithoutTime_OnlyFillsMissingReferences()
    {
        var stored = new Dictionary<string, string> { [PlatformReferenceKeys.ShopifyOrderGid] = "gid://shopify/Order/1" };

        var merged = ReferenceMerge.Merge(stored, s_noTimes, new Dictionary<string, string>
        {
            [PlatformReferenceKeys.ShopifyOrderGid] = "gid://shopify/Order/2",
            [PlatformReferenceKeys.PayPalCaptureId] = "CAP",
            [PlatformReferenceKeys.StripeChargeId] = string.Empty,
        }, occurredAt: null);

        Assert.Equal("gid://shopify/Order/1", merged.References[PlatformReferenceKeys.ShopifyOrderGid]);
        Assert.Equal("CAP", merged.References[PlatformReferenceKeys.PayPalCaptureId]);
        Assert.False(merged.References.ContainsKey(PlatformReferenceKeys.StripeChargeId));
        Assert.Empty(merged.SetAt);
    }
}
