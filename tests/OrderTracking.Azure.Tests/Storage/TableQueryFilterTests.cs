using OrderTracking.Azure.Storage;

namespace OrderTracking.Azure.Tests.Storage;

public sealed class TableQueryFilterTests
{
    [Fact]
    public void CreateQueryFilter_String_QuotesAndDoublesSingleQuotes()
    {
        string name = "O'Brien' or 'a' eq 'a";

        Assert.Equal("Name eq 'O''Brien'' or ''a'' eq ''a'", TableClient.CreateQueryFilter($"Name eq {name}"));
    }

    [Fact]
    public void CreateQueryFilter_DateTimeOffset_IsUtcDatetimeLiteral()
    {
        var when = new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal("Due lt datetime'2026-11-22T06:00:00.0000000Z'", TableClient.CreateQueryFilter($"Due lt {when}"));
    }

    [Fact]
    public void CreateQueryFilter_TypedValues_UseODataLiterals()
    {
        var id = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

        string filter = TableClient.CreateQueryFilter($"A eq {id} and B eq {42L} and C eq {7} and D eq {true} and E eq {2.5} and F eq {3.0} and G eq {new byte[] { 0xAB, 0x01 }}");

        Assert.Equal("A eq guid'3f2504e0-4f89-11d3-9a0c-0305e82c3301' and B eq 42L and C eq 7 and D eq true and E eq 2.5 and F eq 3.0 and G eq X'ab01'", filter);
    }

    [Fact]
    public void CreateQueryFilter_NoHoles_ReturnsTextUnchanged()
    {
        Assert.Equal("PartitionKey eq 'x'", TableClient.CreateQueryFilter($"PartitionKey eq 'x'"));
    }

    [Fact]
    public void CreateQueryFilter_UnsupportedType_Throws()
    {
        Assert.Throws<ArgumentException>(() => TableClient.CreateQueryFilter($"A eq {new object()}"));
    }
}
