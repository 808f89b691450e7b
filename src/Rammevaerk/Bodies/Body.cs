using Rammevaerk.Municipalities;

namespace Rammevaerk.Bodies;

public enum BodyKind
{
    Forum,
    ExecutiveCommittee,
    WorkingGroup,
    Other,
}

/// <summary>A body that meets: Socialdirektørforum, Forretningsudvalget, the working groups.</summary>
public sealed class Body
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? ShortName { get; set; }
    /// <summary>URL segment of the public pages, e.g. "socialdirektoerforum".</summary>
    public required string Slug { get; set; }
    public BodyKind Kind { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    public List<Membership> Memberships { get; set; } = [];
}

public sealed class Person
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Job title, e.g. "Social- og sundhedsdirektør".</summary>
    public string? JobTitle { get; set; }
    public int? MunicipalityCode { get; set; }
    public Municipality? Municipality { get; set; }
    public string? Email { get; set; }
    public List<Membership> Memberships { get; set; } = [];
}

public enum MembershipRole
{
    Chair,
    ViceChair,
    Member,
    Substitute,
}

/// <summary>A person's seat in a body for a period (To is null while it lasts).</summary>
public sealed class Membership
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    public MembershipRole Role { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }

    public bool IsActiveOn(DateOnly day) => From <= day && (To is null || To >= day);
}
