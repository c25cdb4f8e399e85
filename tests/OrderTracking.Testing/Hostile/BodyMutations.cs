using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace OrderTracking.Testing.Hostile;

/// <summary>A mutated body: what was done, the bytes, and whether no parser may accept it (not JSON, or too big).</summary>
public sealed record MutatedBody(string Name, byte[] Body, bool Unparseable);

/// <summary>
/// Every kind of damage to a JSON body (issue 15): truncation, a flipped byte, invalid UTF-8 and overlong encodings,
/// deep nesting, huge and oversized documents, duplicate keys, numbers out of range, values of the wrong type, markup
/// and control characters in strings, empty and non-JSON bodies. Field-level mutations pick a value anywhere in the
/// tree; byte-level ones a position anywhere in the text.
/// </summary>
public static class BodyMutations
{
    /// <summary>The cap every endpoint enforces (RequestBody.MaxBytes).</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions s_raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly byte[][] s_invalidUtf8 = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xFE, 0xFF]];
    private static readonly byte[][] s_overlong = [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80]];

    private static readonly string[] s_numbers =
    [
        "1e400", "-1e400", "123456789012345678901234567890", "-0", "1.7976931348623157e309", "4.9e-400", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "1" + new string('0', 400), "0.1e-2147483649", "NaN", "Infinity", "-", "01", "1.", ".5", "0x10",
    ];

    private static readonly string[] s_wrongTypes = ["null", "true", "false", "[]", "{}", "[[]]", "\"\"", "0", "-1", "\"x\"", "{\"$ref\":\"#\"}", "[null]", "{\"\":{}}"];

    private static readonly string[] s_control = ["\\u0000", "\\u001b[31m", "\\r\\n", "\\u2028", "\\u202e", "\\ud800", "\\udfff", "\\ufeff", "\\uffff", "%00", "..\\\\..\\\\", "../../", "\\\\", "\t"];

    private static readonly string[] s_notJson = ["a=b&c=d", "<?xml version=\"1.0\"?><a/>", "null", "[]", "\"text\"", "123", "{", "}", "{\"a\":", "{'a':1}", "{a:1}", "[1,]", "{\"a\":1,}", "\u00ef\u00bb\u00bf", "// {}", "/* */{}"];

    /// <summary>Big bodies built once: the corpus runs thousands of cases and these are the same every time.</summary>
    private static readonly Lazy<byte[]> s_oversized = new(() => Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', MaxBytes) + "\"}"));
    private static readonly Lazy<byte[][]> s_huge = new(() =>
    [
        Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("0", 200_000)) + "]"),
        Encoding.UTF8.GetBytes("{" + string.Join(',', Enumerable.Range(0, 40_000).Select(i => $"\"k{i}\":{i}")) + "}"),
        Encoding.UTF8.GetBytes("{\"id\":\"" + new string('a', 900_000) + "\"}"),
        Encoding.UTF8.GetBytes("{\"id\":" + string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 60) + "}"),
    ]);

    /// <summary>Any mutation of <paramref name="body"/> (a JSON object text).</summary>
    public static Gen<MutatedBody> Of(byte[] body)
    {
        JsonNode root = JsonNode.Parse(body) ?? throw new ArgumentException("not JSON", nameof(body));
        int nodes = CountNodes(root);
        return Gen.Frequency(
            (4, Truncate(body)),
            (4, FlipByte(body)),
            (3, Insert(body, "invalid-utf8", s_invalidUtf8)),
            (2, Insert(body, "overlong-utf8", s_overlong)),
            (2, DeepNesting(body)),
            (1, Gen.Int[0, 3].Select(i => new MutatedBody($"huge-{i}", s_huge.Value[i], i != 3))),
            (1, Gen.Const(() => new MutatedBody("oversized", s_oversized.Value, true))),
            (3, DuplicateKey(root, nodes)),
            (3, Replace(root, nodes, "number-out-of-range", Gen.OneOf(s_numbers))),
            (3, Replace(root, nodes, "wrong-type", Gen.OneOf(s_wrongTypes))),
            (4, Replace(root, nodes, "markup", Markup)),
            (2, Replace(root, nodes, "control-chars", Gen.OneOf(s_control).Select(c => "\"a" + c + "b\""))),
            (2, Replace(root, nodes, "long-string", Gen.Int[300, 70_000].Select(n => "\"" + new string('9', n) + "\""))),
            (1, Gen.Const(new MutatedBody("empty", [], true))),
            (2, Gen.OneOf(s_notJson).Select(t => new MutatedBody("not-json", Encoding.UTF8.GetBytes(t), true))),
            (1, Gen.Byte.Array[1, 200].Select(b => new MutatedBody("random-bytes", b, false))),
            (1, Gen.Const(() => new MutatedBody("bom", [0xEF, 0xBB, 0xBF, .. body], false))));
    }

    /// <summary>A JSON string holding markup, alone or around text a field might have held.</summary>
    public static Gen<string> Markup { get; } = Gen.Select(Gen.OneOf(HostileRequest.Probes), Gen.OneOf("", "1Z999AA10123456784", "#1001", "ana@example.com"), Gen.Bool)
        .Select((probe, text, before) => JsonSerializer.Serialize(before ? probe + text : text + probe, s_raw));

    private static Gen<MutatedBody> Truncate(byte[] body) =>
        Gen.Int[0, body.Length - 1].Select(n => new MutatedBody($"truncate-at-{n}", body[..n], true));

    private static Gen<MutatedBody> FlipByte(byte[] body) =>
        Gen.Select(Gen.Int[0, body.Length - 1], Gen.Byte[1, 255]).Select((at, mask) =>
        {
            byte[] copy = [.. body];
            copy[at] ^= mask;
            return new MutatedBody($"flip-byte-{at}^{mask:x2}", copy, false);
        });

    /// <summary>Bytes inserted just after a quote, so mostly inside a key or a string value.</summary>
    private static Gen<MutatedBody> Insert(byte[] body, string name, byte[][] sequences)
    {
        int[] quotes = [.. Enumerable.Range(0, body.Length).Where(i => body[i] == (byte)'"')];
        return Gen.Select(Gen.Int[0, quotes.Length - 1], Gen.Int[0, sequences.Length - 1]).Select((q, s) =>
        {
            int at = quotes[q] + 1;
            // Not "unparseable": System.Text.Json checks UTF-8 only in the strings it reads, so in a member the
            // endpoint ignores, bad bytes are as harmless as any other unknown member.
            return new MutatedBody($"{name}-{s}-at-{at}", [.. body[..at], .. sequences[s], .. body[at..]], false);
        });
    }

    private static Gen<MutatedBody> DeepNesting(byte[] body) =>
        Gen.Select(Gen.Int[65, 20_000], Gen.Bool).Select((depth, arrays) =>
        {
            string open = arrays ? "[" : "{\"a\":";
            string close = arrays ? "]" : "}";
            byte[] prefix = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)));
            byte[] suffix = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(close, depth)));
            return new MutatedBody($"nested-{(arrays ? "arrays" : "objects")}-{depth}", [.. prefix, .. body, .. suffix], true);
        });

    private static Gen<MutatedBody> DuplicateKey(JsonNode root, int nodes) =>
        Gen.Select(Gen.Int[0, nodes - 1], Gen.OneOf(s_wrongTypes), Gen.Bool).Select((target, value, first) =>
            new MutatedBody($"duplicate-key-at-node-{target}{(first ? "-first" : "")}", Write(root, target, null, (value, first)), false));

    private static Gen<MutatedBody> Replace(JsonNode root, int nodes, string name, Gen<string> raw) =>
        Gen.Select(Gen.Int[0, nodes - 1], raw).Select((target, text) =>
        {
            return new MutatedBody($"{name}-at-node-{target}", Write(root, target, text, null), !IsJson(text));
        });

    private static bool IsJson(string text)
    {
        try
        {
            using JsonDocument _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int CountNodes(JsonNode? node) => 1 + node switch
    {
        JsonObject o => o.Sum(p => CountNodes(p.Value)),
        JsonArray a => a.Sum(CountNodes),
        _ => 0,
    };

    /// <summary>
    /// Writes <paramref name="root"/> with node number <paramref name="target"/> (preorder) replaced by raw text, or,
    /// when it is an object, with one of its keys written twice (the duplicate before or after the original).
    /// </summary>
    private static byte[] Write(JsonNode root, int target, string? replacement, (string Raw, bool First)? duplicate)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true, MaxDepth = 1000 }))
        {
            int index = 0;
            WriteNode(writer, root, target, replacement, duplicate, ref index);
        }

        return stream.ToArray();
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node, int target, string? replacement, (string Raw, bool First)? duplicate, ref int index)
    {
        bool here = index++ == target;
        if (here && replacement is not null)
        {
            writer.WriteRawValue(replacement, skipInputValidation: true);
            SkipCount(node, ref index);
            return;
        }

        switch (node)
        {
            case JsonObject o:
                writer.WriteStartObject();
                string? dupKey = here && duplicate is not null ? (o.Count > 0 ? o.First().Key : "id") : null;
                if (dupKey is not null && duplicate!.Value.First)
                {
                    writer.WritePropertyName(dupKey);
                    writer.WriteRawValue(duplicate.Value.Raw, skipInputValidation: true);
                }

                foreach ((string key, JsonNode? value) in o)
                {
                    writer.WritePropertyName(key);
                    WriteNode(writer, value, target, replacement, duplicate, ref index);
                }

                if (dupKey is not null && !duplicate!.Value.First)
                {
                    writer.WritePropertyName(dupKey);
                    writer.WriteRawValue(duplicate.Value.Raw, skipInputValidation: true);
                }

                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (JsonNode? item in a)
                {
                    WriteNode(writer, item, target, replacement, duplicate, ref index);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static void SkipCount(JsonNode? node, ref int index) => index += CountNodes(node) - 1;
}
