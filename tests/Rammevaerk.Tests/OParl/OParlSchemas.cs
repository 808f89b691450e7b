using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.OParl;

/// <summary>
/// The official OParl 1.1 JSON schemas from shared/oparl/schema (OParl/spec v1.1.1, CC BY-SA 4.0), loaded with
/// NJsonSchema. The files have no $ref: an embedded object is marked by the custom keyword <c>"schema": "File.json"</c>,
/// which standard validators ignore, so <see cref="Validate"/> follows it itself and validates every embedded object
/// against its own schema. On top of the schemas it checks what the prose requires and the schemas cannot say:
/// every object (embedded ones too) has created and modified with an offset, and deleted = false; every
/// <c>format: url</c> value is an absolute http(s) URL.
/// </summary>
public sealed class OParlSchemas
{
    public const string TypePrefix = "https://schema.oparl.org/1.1/";

    private readonly Dictionary<string, JsonSchema> schemas;

    private OParlSchemas(Dictionary<string, JsonSchema> schemas) => this.schemas = schemas;

    public static string Directory => Path.Combine(AppFactory.SharedDirectory, "oparl", "schema");

    public IReadOnlyCollection<string> TypeNames => schemas.Keys;

    public static async Task<OParlSchemas> LoadAsync()
    {
        var loaded = new Dictionary<string, JsonSchema>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json"))
        {
            loaded[Path.GetFileNameWithoutExtension(file)] = await JsonSchema.FromFileAsync(file);
        }
        if (loaded.Count != 12) throw new InvalidOperationException($"Expected the 12 OParl 1.1 schemas in {Directory}, found {loaded.Count}.");
        return new OParlSchemas(loaded);
    }

    /// <summary>Parses JSON without turning date strings into dates (the schemas check strings).</summary>
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    /// <summary>
    /// Validates <paramref name="obj"/> and everything embedded in it; returns the problems (empty when valid) and
    /// reports each object met, embedded ones included, to <paramref name="seen"/> as (type name, id, JSON).
    /// </summary>
    public List<string> Validate(JObject obj, string where, Action<string, string, JObject>? seen = null)
    {
        var problems = new List<string>();
        ValidateObject(obj, where, problems, seen);
        return problems;
    }

    private void ValidateObject(JObject obj, string where, List<string> problems, Action<string, string, JObject>? seen)
    {
        var type = obj.Value<string>("type") ?? "";
        var id = obj.Value<string>("id") ?? "";
        where = $"{where} ({(id.Length > 0 ? id : "no id")})";
        if (!type.StartsWith(TypePrefix, StringComparison.Ordinal) || !schemas.TryGetValue(type[TypePrefix.Length..], out var schema))
        {
            problems.Add($"{where}: unknown type '{type}'");
            return;
        }
        var name = type[TypePrefix.Length..];
        seen?.Invoke(name, id, obj);

        foreach (var error in schema.Validate(obj))
        {
            problems.Add($"{where}: {name}.json: {error}");
        }
        foreach (var stamp in new[] { "created", "modified" })
        {
            var value = obj.Value<string>(stamp);
            if (value is null || !DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _) || !HasOffset(value))
                problems.Add($"{where}: '{stamp}' must be a date-time with offset, was '{value}'");
        }
        if (obj["deleted"] is not JValue { Type: JTokenType.Boolean } deleted || deleted.Value<bool>())
            problems.Add($"{where}: 'deleted' must be false");

        foreach (var (propertyName, property) in schema.Properties)
        {
            var value = obj[propertyName];
            if (value is null) continue;
            var embedded = Extension(property, "schema");
            var itemSchema = property.Item;
            var embeddedItems = itemSchema is null ? null : Extension(itemSchema, "schema");
            // An external list (references: externalList) also carries items.schema; its value is a URL, not objects.
            var isExternalList = Extension(property, "references") == "externalList";

            if (embedded is not null && value is JObject inner)
            {
                ValidateEmbedded(inner, embedded, $"{where}.{propertyName}", problems, seen);
            }
            if (!isExternalList && embeddedItems is not null && value is JArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JObject element) ValidateEmbedded(element, embeddedItems, $"{where}.{propertyName}[{i}]", problems, seen);
                    else problems.Add($"{where}.{propertyName}[{i}]: expected an embedded object");
                }
            }
            if (property.Format == "url") CheckUrl(value, $"{where}.{propertyName}", problems);
            if (itemSchema?.Format == "url" && value is JArray urls)
            {
                foreach (var url in urls) CheckUrl(url, $"{where}.{propertyName}[]", problems);
            }
        }
    }

    private void ValidateEmbedded(JObject inner, string schemaFile, string where, List<string> problems, Action<string, string, JObject>? seen)
    {
        var expected = TypePrefix + Path.GetFileNameWithoutExtension(schemaFile);
        if (inner.Value<string>("type") != expected) problems.Add($"{where}: embedded object must be of type {expected}");
        ValidateObject(inner, where, problems, seen);
    }

    private static void CheckUrl(JToken value, string where, List<string> problems)
    {
        if (value.Type != JTokenType.String
            || !Uri.TryCreate(value.Value<string>(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{where}: expected an absolute http(s) URL, was {value.ToString(Formatting.None)}");
        }
    }

    /// <summary>A custom keyword of the OParl schemas ("schema", "references"), which NJsonSchema keeps as extension data.</summary>
    private static string? Extension(JsonSchema schema, string keyword) =>
        schema.ExtensionData is { } data && data.TryGetValue(keyword, out var value) ? value?.ToString() : null;

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(value, @"[+-]\d{2}:\d{2}$");
}
