using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rammevaerk.OParl;

/// <summary>
/// The OParl 1.1 objects as they go over the wire. Properties are camelCase, nulls are left out; instants are
/// pre-formatted ISO 8601 strings with the Danish offset (<see cref="OParlTime"/>), dates are "yyyy-MM-dd".
/// Base properties come first (id, type) and last (created, modified, web, deleted), as in the specification's examples.
/// </summary>
public abstract record OParlObject
{
    [JsonPropertyOrder(-100)] public required string Id { get; init; }
    [JsonPropertyOrder(-99)] public string Type => OParlSchema.TypeUrl(GetType().Name["OParl".Length..]);
    [JsonPropertyOrder(100)] public string? Created { get; init; }
    [JsonPropertyOrder(101)] public string? Modified { get; init; }
    [JsonPropertyOrder(102)] public string? Web { get; init; }
    [JsonPropertyOrder(103)] public bool Deleted { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Danish letters as themselves; OParl forbids HTML escaping of strings, and JSON needs none.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

public static class OParlSchema
{
    public const string Version = "https://schema.oparl.org/1.1/";

    public static string TypeUrl(string typeName) => Version + typeName;
}

public sealed record OParlSystem : OParlObject
{
    public string OparlVersion => OParlSchema.Version;
    public required string Body { get; init; }
    public required string Name { get; init; }
    public string? License { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactName { get; init; }
    public string? Website { get; init; }
}

public sealed record OParlBody : OParlObject
{
    public required string System { get; init; }
    public required string Name { get; init; }
    public string? ShortName { get; init; }
    public string? Website { get; init; }
    public string? License { get; init; }
    public string? OparlSince { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactName { get; init; }
    public string? Classification { get; init; }
    public required string Organization { get; init; }
    public required string Person { get; init; }
    public required string Meeting { get; init; }
    public required string Paper { get; init; }
    public required string AgendaItem { get; init; }
    public required string Consultation { get; init; }
    public required string File { get; init; }
    public required string Membership { get; init; }
    public required string LocationList { get; init; }
    public required string LegislativeTermList { get; init; }
    /// <summary>Always empty: Rammeværk keeps no legislative terms (see the README).</summary>
    public IReadOnlyList<object> LegislativeTerm { get; init; } = [];
}

public sealed record OParlOrganization : OParlObject
{
    public required string Body { get; init; }
    public required string Name { get; init; }
    public string? ShortName { get; init; }
    public required IReadOnlyList<string> Membership { get; init; }
    public required string Meeting { get; init; }
    public string? SubOrganizationOf { get; init; }
    public required string OrganizationType { get; init; }
    public string? Classification { get; init; }
    public string? Website { get; init; }
}

public sealed record OParlPerson : OParlObject
{
    public required string Body { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string>? Status { get; init; }
    public required IReadOnlyList<OParlMembership> Membership { get; init; }
}

public sealed record OParlMembership : OParlObject
{
    public required string Person { get; init; }
    public required string Organization { get; init; }
    public required string Role { get; init; }
    public bool VotingRight { get; init; }
    public required string StartDate { get; init; }
    public string? EndDate { get; init; }
}

public sealed record OParlMeeting : OParlObject
{
    public required string Name { get; init; }
    public required string MeetingState { get; init; }
    public bool Cancelled { get; init; }
    public required string Start { get; init; }
    public string? End { get; init; }
    public OParlLocation? Location { get; init; }
    public required IReadOnlyList<string> Organization { get; init; }
    public required IReadOnlyList<OParlAgendaItem> AgendaItem { get; init; }
}

public sealed record OParlAgendaItem : OParlObject
{
    public required string Meeting { get; init; }
    public required string Number { get; init; }
    public int Order { get; init; }
    public required string Name { get; init; }
    public bool Public { get; init; }
    public string? ResolutionText { get; init; }
    /// <summary>The item's consultation of its case (OParl Paper).</summary>
    public string? Consultation { get; init; }
    public IReadOnlyList<OParlFile>? AuxiliaryFile { get; init; }
}

public sealed record OParlFile : OParlObject
{
    public required string Name { get; init; }
    public required string FileName { get; init; }
    public string? MimeType { get; init; }
    public long? Size { get; init; }
    public required string AccessUrl { get; init; }
    public string? DownloadUrl { get; init; }
    /// <summary>Back-references; only on a file fetched by itself, never when embedded.</summary>
    public IReadOnlyList<string>? Meeting { get; init; }
    public IReadOnlyList<string>? AgendaItem { get; init; }
}

public sealed record OParlLocation : OParlObject
{
    public required string Description { get; init; }
    public string? Room { get; init; }
    public string? StreetAddress { get; init; }
    public string? PostalCode { get; init; }
    public string? Locality { get; init; }
    /// <summary>Back-references; only on a location fetched by itself, never when embedded.</summary>
    public IReadOnlyList<string>? Meetings { get; init; }
    public IReadOnlyList<string>? Organizations { get; init; }
}

/// <summary>One page of an external object list.</summary>
public sealed record OParlList(IReadOnlyList<object> Data, OParlPagination Pagination, OParlLinks Links);

public sealed record OParlPagination(int TotalElements, int ElementsPerPage, int CurrentPage, int TotalPages);

public sealed record OParlLinks
{
    public required string First { get; init; }
    public string? Prev { get; init; }
    public required string Self { get; init; }
    public string? Next { get; init; }
    public required string Last { get; init; }
}

/// <summary>The body of every error answer: a Danish message and the HTTP status.</summary>
public sealed record OParlError(string Error, int Status);
