using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings;

/// <summary>
/// What a meeting page shows. Built from the database for the live page, and stored as JSON in each
/// <see cref="MeetingVersion"/> so earlier versions render with the same template.
/// </summary>
public sealed record MeetingView(
    int Id,
    string BodyName,
    string BodySlug,
    string Title,
    string? Location,
    DateTime StartsAt,
    DateTime? EndsAt,
    MeetingState State,
    DateTime? AgendaPublishedAt,
    DateTime? MinutesPublishedAt,
    DateTime? ChangedAfterPublicationAt,
    int Version,
    IReadOnlyList<ItemView> Items)
{
    public DateTime? PublishedAt => MinutesPublishedAt ?? AgendaPublishedAt;
    /// <summary>Imported minutes whose source lost the clock time: show the date only.</summary>
    public bool TimeUnknown { get; init; }
    public bool IsMinutes => State == MeetingState.MinutesPublished;

    /// <summary>The publication date printed on imported minutes (see <see cref="Meeting.SourcePublishedOn"/>).</summary>
    public DateOnly? SourcePublishedOn { get; init; }

    /// <summary>
    /// Imported minutes: the source's lines before the items that are not a field (attendance, case numbers, a
    /// repeated item), shown as the source gave them (see <see cref="Meeting.ImportPreamble"/>).
    /// </summary>
    public string? Preamble { get; init; }

    /// <summary>True for minutes imported from an archive text.</summary>
    public bool IsImported { get; init; }

    /// <summary>Removes the content of closed items for readers who may not see it.</summary>
    public MeetingView ForReader(bool mayReadClosed) =>
        mayReadClosed ? this : this with { Items = Items.Select(i => i.IsClosed ? i.TitleOnly() : i).ToList() };

    public static async Task<MeetingView?> LoadAsync(AppDb db, int meetingId, CancellationToken ct = default)
    {
        var m = await db.Meetings.AsNoTracking()
            .Where(x => x.Id == meetingId)
            .Select(x => new
            {
                x.Id, BodyName = x.Body.Name, BodySlug = x.Body.Slug, x.Title, x.Location, x.StartsAt, x.EndsAt, x.State,
                x.AgendaPublishedAt, x.MinutesPublishedAt, x.ChangedAfterPublicationAt, x.Version, x.SourcePublishedOn, x.TimeUnknown, x.ImportPreamble,
                Imported = x.ImportKey != null,
            })
            .SingleOrDefaultAsync(ct);
        if (m is null) return null;

        var items = await db.AgendaItems.AsNoTracking()
            .Where(i => i.MeetingId == meetingId)
            .OrderBy(i => i.Number)
            .Select(i => new ItemView(
                i.Id, i.Number, i.Title, i.IsClosed, i.Intro, i.Background, i.Recommendation, i.CasePresentation, i.Decision,
                i.Guests.OrderBy(g => g.SortOrder).Select(g => new GuestView(g.Name, g.Role, g.TimeSlot)).ToList(),
                i.Attachments.OrderBy(a => a.SortOrder).Select(a => new AttachmentView(a.Id, a.FileName, a.Size, a.IsMissing)).ToList(),
                i.HasFlattenedTable) { NoSourceText = i.NoSourceText })
            .ToListAsync(ct);

        return new MeetingView(m.Id, m.BodyName, m.BodySlug, m.Title, m.Location, m.StartsAt, m.EndsAt, m.State,
            m.AgendaPublishedAt, m.MinutesPublishedAt, m.ChangedAfterPublicationAt, m.Version, items)
        {
            SourcePublishedOn = m.SourcePublishedOn, IsImported = m.Imported, TimeUnknown = m.TimeUnknown, Preamble = m.ImportPreamble,
        };
    }
}

public sealed record ItemView(
    int Id,
    int Number,
    string Title,
    bool IsClosed,
    string? Intro,
    string? Background,
    string? Recommendation,
    string? CasePresentation,
    string? Decision,
    IReadOnlyList<GuestView> Guests,
    IReadOnlyList<AttachmentView> Attachments,
    bool HasFlattenedTable)
{
    public bool ContentHidden { get; init; }

    /// <summary>Imported from a list that names the item while the source holds no text for it.</summary>
    public bool NoSourceText { get; init; }

    public ItemView TitleOnly() => this with
    {
        Intro = null, Background = null, Recommendation = null, CasePresentation = null, Decision = null,
        Guests = [], Attachments = [], HasFlattenedTable = false, ContentHidden = true,
    };

    public string Anchor => $"punkt-{Number}";
}

public sealed record GuestView(string Name, string? Role, string? TimeSlot);

public sealed record AttachmentView(int Id, string FileName, long Size, bool IsMissing)
{
    /// <summary>Off the public site until the secretariat fixes it (the check over what is public found a CPR number).</summary>
    public bool Withheld { get; init; }
}
