using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Bodies;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.OParl;

public sealed class OParlOptions
{
    /// <summary>Objects per list page, and the most a client may ask for with <c>elementsPerPage</c>.</summary>
    public int ElementsPerPage { get; set; } = 100;
    /// <summary>The Body's name; default "Fælleskommunalt Socialsekretariat, {Rammevaerk:Region}".</summary>
    public string? BodyName { get; set; }
    public string? BodyShortName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactName { get; set; }
    /// <summary>URL of the licence the data is published under (System.license), if one has been chosen.</summary>
    public string? License { get; set; }
}

/// <summary>
/// Reads the public data and shapes it as OParl 1.1 objects. Only published meetings exist here; a closed item
/// keeps its number and title (public = false) and loses its decision and files; files of closed items and drafts
/// do not exist. Bodies (udvalg) are OParl Organizations of the one OParl Body, the framework-agreement area.
/// </summary>
public sealed class OParlReader(AppDb db, IOptions<OParlOptions> options, IConfiguration config, TimeProvider clock)
{
    public const string StateInvited = "eingeladen";
    public const string StateHeld = "durchgeführt";

    private OParlOptions Options => options.Value;

    public int PageSize => Math.Clamp(Options.ElementsPerPage, 1, 1000);

    private string BodyName => Options.BodyName is { Length: > 0 } name
        ? name
        : $"Fælleskommunalt Socialsekretariat, {Hosting.SiteOptions.Of(config).Region}";

    private IQueryable<Meeting> Published => db.Meetings.AsNoTracking().Where(m => m.State != MeetingState.Draft);

    // ---- System and Body --------------------------------------------------------------------------------------

    public async Task<OParlSystem> SystemAsync(OParlUrls urls, CancellationToken ct)
    {
        var since = Iso(await EpochAsync(ct));
        return new OParlSystem
        {
            Id = urls.System, Body = urls.Bodies, Name = $"Rammeværk – {BodyName}",
            License = Options.License, ContactEmail = Options.ContactEmail, ContactName = Options.ContactName,
            Website = urls.Home, Created = since, Modified = since, Web = urls.Home,
        };
    }

    public async Task<OParlBody> BodyAsync(OParlUrls urls, CancellationToken ct)
    {
        var since = Iso(await EpochAsync(ct));
        return new OParlBody
        {
            Id = urls.Body, System = urls.System, Name = BodyName, ShortName = Options.BodyShortName,
            Website = urls.Home, License = Options.License, ContactEmail = Options.ContactEmail, ContactName = Options.ContactName,
            Classification = "Rammeaftaleområde",
            Organization = urls.BodyList("organization"), Person = urls.BodyList("person"), Meeting = urls.BodyList("meeting"),
            Paper = urls.BodyList("paper"), AgendaItem = urls.BodyList("agendaitem"), Consultation = urls.BodyList("consultation"),
            File = urls.BodyList("file"), Membership = urls.BodyList("membership"), LocationList = urls.BodyList("location"),
            LegislativeTermList = urls.BodyList("legislativeterm"),
            Created = since, Modified = since, Web = urls.Home,
        };
    }

    public async Task<OParlList> BodiesAsync(OParlUrls urls, ListQuery query, CancellationToken ct)
    {
        var epoch = await EpochAsync(ct);
        return query.Slice([await BodyAsync(urls, ct)], _ => epoch, _ => epoch, urls.Bodies);
    }

    /// <summary>When the API's data begins: the first public meeting or membership (a fixed day when there is none).</summary>
    private async Task<DateTime> EpochAsync(CancellationToken ct)
    {
        var meetings = await Published.Select(m => new { m.CreatedAt, m.AgendaPublishedAt }).ToListAsync(ct);
        var firstMembership = await db.Memberships.OrderBy(m => m.From).Select(m => (DateOnly?)m.From).FirstOrDefaultAsync(ct);
        var candidates = meetings.Select(m => PublicTimes.Created(m.CreatedAt, m.AgendaPublishedAt)).ToList();
        if (firstMembership is { } from) candidates.Add(PublicTimes.StartOf(from));
        return candidates.Count > 0 ? candidates.Min() : PublicTimes.StartOf(new DateOnly(2024, 1, 1));
    }

    // ---- Organizations, persons, memberships (few; built in memory) -------------------------------------------

    private sealed record MembershipRow(int Id, int PersonId, int BodyId, MembershipRole Role, DateOnly From, DateOnly? To);

    private sealed record Stamped<T>(T Value, int Key, DateTime Created, DateTime Modified) where T : OParlObject;

    private sealed class People
    {
        public required List<Stamped<OParlOrganization>> Organizations { get; init; }
        public required List<Stamped<OParlPerson>> Persons { get; init; }
        public required List<Stamped<OParlMembership>> Memberships { get; init; }
    }

    private async Task<People> PeopleAsync(OParlUrls urls, CancellationToken ct)
    {
        var bodies = await db.Bodies.AsNoTracking().OrderBy(b => b.Id).ToListAsync(ct);
        var rows = await db.Memberships.AsNoTracking().OrderBy(m => m.Id)
            .Select(m => new MembershipRow(m.Id, m.PersonId, m.BodyId, m.Role, m.From, m.To)).ToListAsync(ct);
        var personIds = rows.Select(r => r.PersonId).Distinct().ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.JobTitle, Municipality = p.Municipality != null ? p.Municipality.Name : null })
            .ToListAsync(ct);
        var meetingStarts = (await Published.Select(m => new { m.BodyId, m.CreatedAt, m.AgendaPublishedAt }).ToListAsync(ct))
            .GroupBy(m => m.BodyId)
            .ToDictionary(g => g.Key, g => g.Min(m => PublicTimes.Created(m.CreatedAt, m.AgendaPublishedAt)));
        var now = clock.GetUtcNow().UtcDateTime;

        var memberships = rows.Select(r =>
        {
            var created = PublicTimes.StartOf(r.From);
            var modified = r.To is { } to && PublicTimes.StartOf(to) <= now ? PublicTimes.Max(created, PublicTimes.StartOf(to)) : created;
            var value = new OParlMembership
            {
                Id = urls.Membership(r.Id), Person = urls.Person(r.PersonId), Organization = urls.Organization(r.BodyId),
                Role = Danish.Role(r.Role), VotingRight = r.Role != MembershipRole.Substitute,
                StartDate = PublicTimes.Date(r.From), EndDate = r.To is { } end ? PublicTimes.Date(end) : null,
                Created = Iso(created), Modified = Iso(modified),
            };
            return new Stamped<OParlMembership>(value, r.Id, created, modified);
        }).ToList();
        var byPerson = memberships.Zip(rows).ToLookup(x => x.Second.PersonId, x => x.First);
        var byBody = memberships.Zip(rows).ToLookup(x => x.Second.BodyId, x => x.First);

        var personList = persons.Select(p =>
        {
            var own = byPerson[p.Id].ToList();
            var created = own.Min(m => m.Created);
            var modified = own.Max(m => m.Modified);
            var status = new[] { p.JobTitle, p.Municipality is null ? null : $"{p.Municipality} Kommune" }
                .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).ToList();
            var value = new OParlPerson
            {
                Id = urls.Person(p.Id), Body = urls.Body, Name = p.Name, Status = status.Count > 0 ? status : null,
                Membership = own.Select(m => m.Value).ToList(),
                Created = Iso(created), Modified = Iso(modified),
            };
            return new Stamped<OParlPerson>(value, p.Id, created, modified);
        }).ToList();

        var forums = bodies.Where(b => b.Kind == BodyKind.Forum).ToList();
        var epoch = await EpochAsync(ct);
        var organizations = bodies.Select(b =>
        {
            var own = byBody[b.Id].ToList();
            var starts = own.Select(m => m.Created).ToList();
            if (meetingStarts.TryGetValue(b.Id, out var firstMeeting)) starts.Add(firstMeeting);
            var created = starts.Count > 0 ? starts.Min() : epoch;
            var modified = own.Count > 0 ? PublicTimes.Max(created, own.Max(m => m.Modified)) : created;
            var value = new OParlOrganization
            {
                Id = urls.Organization(b.Id), Body = urls.Body, Name = b.Name, ShortName = b.ShortName,
                Membership = own.Select(m => m.Value.Id).ToList(),
                Meeting = urls.OrganizationMeetings(b.Id),
                SubOrganizationOf = b.Kind is BodyKind.ExecutiveCommittee or BodyKind.WorkingGroup && forums.Count == 1 && forums[0].Id != b.Id
                    ? urls.Organization(forums[0].Id) : null,
                OrganizationType = "Gremium",
                Classification = b.Kind switch
                {
                    BodyKind.Forum => "Forum",
                    BodyKind.ExecutiveCommittee => "Forretningsudvalg",
                    BodyKind.WorkingGroup => "Arbejdsgruppe",
                    _ => "Andet",
                },
                Website = urls.BodyPage(b.Slug),
                Created = Iso(created), Modified = Iso(modified), Web = urls.BodyPage(b.Slug),
            };
            return new Stamped<OParlOrganization>(value, b.Id, created, modified);
        }).ToList();

        return new People { Organizations = organizations, Persons = personList, Memberships = memberships };
    }

    public async Task<OParlList> OrganizationsAsync(OParlUrls urls, ListQuery query, CancellationToken ct) =>
        Slice((await PeopleAsync(urls, ct)).Organizations, query, urls.BodyList("organization"));

    public async Task<OParlList> PersonsAsync(OParlUrls urls, ListQuery query, CancellationToken ct) =>
        Slice((await PeopleAsync(urls, ct)).Persons, query, urls.BodyList("person"));

    public async Task<OParlList> MembershipsAsync(OParlUrls urls, ListQuery query, CancellationToken ct) =>
        Slice((await PeopleAsync(urls, ct)).Memberships, query, urls.BodyList("membership"));

    public async Task<OParlOrganization?> OrganizationAsync(OParlUrls urls, int id, CancellationToken ct) =>
        (await PeopleAsync(urls, ct)).Organizations.FirstOrDefault(o => o.Key == id)?.Value;

    public async Task<OParlPerson?> PersonAsync(OParlUrls urls, int id, CancellationToken ct) =>
        (await PeopleAsync(urls, ct)).Persons.FirstOrDefault(o => o.Key == id)?.Value;

    public async Task<OParlMembership?> MembershipAsync(OParlUrls urls, int id, CancellationToken ct) =>
        (await PeopleAsync(urls, ct)).Memberships.FirstOrDefault(o => o.Key == id)?.Value;

    public Task<bool> OrganizationExistsAsync(int id, CancellationToken ct) => db.Bodies.AnyAsync(b => b.Id == id, ct);

    private static OParlList Slice<T>(List<Stamped<T>> all, ListQuery query, string listUrl) where T : OParlObject
    {
        var page = query.Slice(all, s => s.Created, s => s.Modified, listUrl);
        return page with { Data = page.Data.Cast<Stamped<T>>().Select(s => (object)s.Value).ToList() };
    }

    // ---- Meetings, agenda items, files (many; filtered and paged in the database) -----------------------------

    private sealed record MeetingRow(
        int Id, int BodyId, string Title, string? Location, DateTime StartsAt, DateTime? EndsAt, MeetingState State,
        DateTime CreatedAt, DateTime? AgendaPublishedAt, DateTime? MinutesPublishedAt, DateTime? ChangedAt)
    {
        public DateTime Created => PublicTimes.Created(CreatedAt, AgendaPublishedAt);
        public DateTime Modified => PublicTimes.Modified(CreatedAt, AgendaPublishedAt, MinutesPublishedAt, ChangedAt);
    }

    private sealed record ItemRow(int Id, int MeetingId, int Number, string Title, bool IsClosed, string? Decision);

    private sealed record FileRow(
        int Id, int ItemId, int MeetingId, int SortOrder, string FileName, string? ContentType, long Size, bool IsMissing, DateTime AddedAt);

    /// <summary>Published meetings matching the list filters.</summary>
    private IQueryable<Meeting> Filtered(ListQuery q, bool created = true, bool modified = true)
    {
        var meetings = Published;
        if (created && q.CreatedSince is { } cs) meetings = meetings.Where(PublicTimes.CreatedSince(cs));
        if (created && q.CreatedUntil is { } cu) meetings = meetings.Where(PublicTimes.CreatedUntil(cu));
        if (modified && q.ModifiedSince is { } ms) meetings = meetings.Where(PublicTimes.ModifiedSince(ms));
        if (modified && q.ModifiedUntil is { } mu) meetings = meetings.Where(PublicTimes.ModifiedUntil(mu));
        return meetings;
    }

    public async Task<OParlList> MeetingsAsync(OParlUrls urls, ListQuery query, int? organizationId, CancellationToken ct)
    {
        var meetings = Filtered(query);
        if (organizationId is int bodyId) meetings = meetings.Where(m => m.BodyId == bodyId);
        var total = await meetings.CountAsync(ct);
        var ids = await meetings.OrderBy(m => m.Id).Skip(query.Skip).Take(query.ElementsPerPage).Select(m => m.Id).ToListAsync(ct);
        var loaded = await LoadMeetingsAsync(urls, ids, ct);
        var listUrl = organizationId is int org ? urls.OrganizationMeetings(org) : urls.BodyList("meeting");
        return query.Build(ids.Select(id => (object)loaded[id]).ToList(), total, listUrl);
    }

    public async Task<OParlMeeting?> MeetingAsync(OParlUrls urls, int id, CancellationToken ct) =>
        (await LoadMeetingsAsync(urls, [id], ct)).GetValueOrDefault(id);

    public async Task<OParlList> AgendaItemsAsync(OParlUrls urls, ListQuery query, CancellationToken ct)
    {
        // An item's created and modified are its meeting's (every change to an item after publication is a change
        // of the meeting), so the item list filters by the meeting.
        var meetingIds = Filtered(query).Select(m => m.Id);
        var items = db.PublishedItems.AsNoTracking().Where(i => meetingIds.Contains(i.MeetingId));
        var total = await items.CountAsync(ct);
        var page = await items.OrderBy(i => i.Id).Skip(query.Skip).Take(query.ElementsPerPage)
            .Select(i => new { i.Id, i.MeetingId }).ToListAsync(ct);
        var loaded = await LoadMeetingsAsync(urls, page.Select(p => p.MeetingId).Distinct().ToList(), ct);
        var data = page.Select(p => (object)loaded[p.MeetingId].AgendaItem.Single(i => i.Id == urls.AgendaItem(p.Id))).ToList();
        return query.Build(data, total, urls.BodyList("agendaitem"));
    }

    public async Task<OParlAgendaItem?> AgendaItemAsync(OParlUrls urls, int id, CancellationToken ct)
    {
        var meetingId = await db.PublishedItems.Where(i => i.Id == id).Select(i => (int?)i.MeetingId).SingleOrDefaultAsync(ct);
        if (meetingId is null) return null;
        var meeting = await MeetingAsync(urls, meetingId.Value, ct);
        return meeting?.AgendaItem.Single(i => i.Id == urls.AgendaItem(id));
    }

    public async Task<OParlList> FilesAsync(OParlUrls urls, ListQuery query, CancellationToken ct)
    {
        // A file's created is the later of its upload and its meeting's created; its modified the later of its
        // upload and its meeting's modified.
        var files = db.PublishedAttachments.AsNoTracking().Where(a => !a.IsClosed);
        if (query.CreatedSince is { } cs)
        {
            var ids = Published.Where(PublicTimes.CreatedSince(cs)).Select(m => m.Id);
            files = files.Where(a => a.AddedAt >= cs || ids.Contains(a.MeetingId));
        }
        if (query.CreatedUntil is { } cu)
        {
            var ids = Published.Where(PublicTimes.CreatedUntil(cu)).Select(m => m.Id);
            files = files.Where(a => a.AddedAt <= cu && ids.Contains(a.MeetingId));
        }
        if (query.ModifiedSince is { } ms)
        {
            var ids = Published.Where(PublicTimes.ModifiedSince(ms)).Select(m => m.Id);
            files = files.Where(a => a.AddedAt >= ms || ids.Contains(a.MeetingId));
        }
        if (query.ModifiedUntil is { } mu)
        {
            var ids = Published.Where(PublicTimes.ModifiedUntil(mu)).Select(m => m.Id);
            files = files.Where(a => a.AddedAt <= mu && ids.Contains(a.MeetingId));
        }
        var total = await files.CountAsync(ct);
        var page = await files.OrderBy(a => a.Id).Skip(query.Skip).Take(query.ElementsPerPage)
            .Select(a => new { a.Id, a.MeetingId }).ToListAsync(ct);
        var meetingIds = page.Select(p => p.MeetingId).Distinct().ToList();
        var rows = await LoadRowsAsync(meetingIds, ct);
        var data = page.Select(p => (object)FileObject(urls, rows, p.Id, standalone: true)!).ToList();
        return query.Build(data, total, urls.BodyList("file"));
    }

    public async Task<OParlFile?> FileAsync(OParlUrls urls, int id, CancellationToken ct)
    {
        var meetingId = await db.PublishedAttachments.Where(a => a.Id == id).Select(a => (int?)a.MeetingId).SingleOrDefaultAsync(ct);
        if (meetingId is null) return null;
        var rows = await LoadRowsAsync([meetingId.Value], ct);
        return FileObject(urls, rows, id, standalone: true);
    }

    /// <summary>The bytes of a public file, for its access URL; null for a closed item, a draft or a missing file.</summary>
    public async Task<(string FileName, string ContentType, byte[] Bytes)?> FileContentAsync(int id, CancellationToken ct)
    {
        var a = await db.PublishedAttachments.AsNoTracking()
            .Where(x => x.Id == id && !x.IsMissing && !x.IsClosed)
            .Select(x => new { x.FileName, x.ContentType })
            .SingleOrDefaultAsync(ct);
        if (a is null) return null;
        var bytes = await db.AttachmentContents.Where(c => c.AttachmentId == id).Select(c => c.Bytes).SingleOrDefaultAsync(ct);
        return bytes is null ? null : (a.FileName, a.ContentType ?? "application/octet-stream", bytes);
    }

    private sealed record Rows(Dictionary<int, MeetingRow> Meetings, List<ItemRow> Items, List<FileRow> Files);

    private async Task<Rows> LoadRowsAsync(List<int> meetingIds, CancellationToken ct)
    {
        var meetings = await Published.Where(m => meetingIds.Contains(m.Id))
            .Select(m => new MeetingRow(m.Id, m.BodyId, m.Title, m.Location, m.StartsAt, m.EndsAt, m.State,
                m.CreatedAt, m.AgendaPublishedAt, m.MinutesPublishedAt, m.ChangedAfterPublicationAt))
            .ToListAsync(ct);
        var ids = meetings.Select(m => m.Id).ToList();
        // The public copy: decisions only in minutes, never the working copy, never withheld text or files.
        var items = await db.PublishedItems.AsNoTracking().Where(i => ids.Contains(i.MeetingId))
            .OrderBy(i => i.MeetingId).ThenBy(i => i.Number)
            .Select(i => new ItemRow(i.Id, i.MeetingId, i.Number, i.Title, i.IsClosed, i.IsClosed ? null : i.Decision))
            .ToListAsync(ct);
        // Files of closed items are never read.
        var files = await db.PublishedAttachments.AsNoTracking().Where(a => ids.Contains(a.MeetingId) && !a.IsClosed)
            .OrderBy(a => a.ItemId).ThenBy(a => a.SortOrder).ThenBy(a => a.Id)
            .Select(a => new FileRow(a.Id, a.ItemId, a.MeetingId, a.SortOrder, a.FileName, a.ContentType, a.Size, a.IsMissing, a.AddedAt))
            .ToListAsync(ct);
        return new Rows(meetings.ToDictionary(m => m.Id), items, files);
    }

    private async Task<Dictionary<int, OParlMeeting>> LoadMeetingsAsync(OParlUrls urls, IReadOnlyCollection<int> meetingIds, CancellationToken ct)
    {
        var rows = await LoadRowsAsync(meetingIds.ToList(), ct);
        var places = await PlacesAsync(ct);
        var itemsByMeeting = rows.Items.ToLookup(i => i.MeetingId);
        var filesByItem = rows.Files.ToLookup(f => f.ItemId);
        var result = new Dictionary<int, OParlMeeting>();
        foreach (var m in rows.Meetings.Values)
        {
            var created = Iso(m.Created);
            var modified = Iso(m.Modified);
            var items = itemsByMeeting[m.Id].Select((i, order) => new OParlAgendaItem
            {
                Id = urls.AgendaItem(i.Id), Meeting = urls.Meeting(m.Id), Number = i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), Order = order,
                Name = i.Title, Public = !i.IsClosed, Consultation = urls.Consultation(i.Id),
                ResolutionText = i.IsClosed || string.IsNullOrWhiteSpace(i.Decision) ? null : i.Decision.Replace("\r\n", "\n").Trim(),
                AuxiliaryFile = i.IsClosed || !filesByItem[i.Id].Any()
                    ? null
                    : filesByItem[i.Id].Select(f => FileObject(urls, m, i, f, standalone: false)).ToList(),
                Created = created, Modified = modified, Web = urls.ItemPage(m.Id, i.Number),
            }).ToList();
            result[m.Id] = new OParlMeeting
            {
                Id = urls.Meeting(m.Id), Name = m.Title,
                MeetingState = m.State == MeetingState.MinutesPublished ? StateHeld : StateInvited,
                Start = Iso(m.StartsAt), End = m.EndsAt is { } end ? Iso(end) : null,
                Location = string.IsNullOrWhiteSpace(m.Location) ? null : LocationObject(urls, places, MeetingPlaces.Key(m.Location), standalone: false),
                Organization = [urls.Organization(m.BodyId)],
                AgendaItem = items,
                Created = created, Modified = modified, Web = urls.MeetingPage(m.Id),
            };
        }
        return result;
    }

    private static OParlFile? FileObject(OParlUrls urls, Rows rows, int fileId, bool standalone)
    {
        var f = rows.Files.FirstOrDefault(x => x.Id == fileId);
        if (f is null || !rows.Meetings.TryGetValue(f.MeetingId, out var m)) return null;
        var item = rows.Items.Single(i => i.Id == f.ItemId);
        return FileObject(urls, m, item, f, standalone);
    }

    private static OParlFile FileObject(OParlUrls urls, MeetingRow m, ItemRow item, FileRow f, bool standalone)
    {
        var itemPage = urls.ItemPage(m.Id, item.Number);
        return new OParlFile
        {
            Id = urls.File(f.Id),
            Name = Path.GetFileNameWithoutExtension(f.FileName) is { Length: > 0 } stem ? stem : f.FileName,
            FileName = f.FileName,
            MimeType = f.IsMissing ? null : f.ContentType ?? "application/octet-stream",
            Size = f.IsMissing ? null : f.Size,
            // A file known only by name (imported minutes) has no bytes here: its access URL is the item on the
            // meeting page, which lists it as missing, and it has no download URL.
            AccessUrl = f.IsMissing ? itemPage : urls.FileAccess(f.Id),
            DownloadUrl = f.IsMissing ? null : urls.Download(f.Id, f.FileName),
            Meeting = standalone ? [urls.Meeting(m.Id)] : null,
            AgendaItem = standalone ? [urls.AgendaItem(item.Id)] : null,
            Created = Iso(PublicTimes.Max(m.Created, f.AddedAt)),
            Modified = Iso(PublicTimes.Max(m.Modified, f.AddedAt)),
            Web = itemPage,
        };
    }

    // ---- Locations (derived from the meetings' places) --------------------------------------------------------

    private sealed record PlaceUse(MeetingPlaces.Place Place, List<(int MeetingId, int BodyId)> Meetings, DateTime Created, DateTime Modified);

    private Dictionary<string, PlaceUse>? places;

    private async Task<Dictionary<string, PlaceUse>> PlacesAsync(CancellationToken ct)
    {
        if (places is not null) return places;
        var rows = await Published.Where(m => m.Location != null)
            .Select(m => new { m.Id, m.BodyId, Location = m.Location!, m.CreatedAt, m.AgendaPublishedAt })
            .ToListAsync(ct);
        // A place exists from its first public meeting; it changes when another meeting there is published
        // (its list of meetings grows).
        places = rows.Where(r => !string.IsNullOrWhiteSpace(r.Location))
            .GroupBy(r => MeetingPlaces.Key(r.Location))
            .ToDictionary(g => g.Key, g => new PlaceUse(
                MeetingPlaces.Parse(g.OrderBy(r => r.Id).First().Location),
                g.OrderBy(r => r.Id).Select(r => (r.Id, r.BodyId)).ToList(),
                g.Min(r => PublicTimes.Created(r.CreatedAt, r.AgendaPublishedAt)),
                g.Max(r => PublicTimes.Created(r.CreatedAt, r.AgendaPublishedAt))));
        return places;
    }

    private static OParlLocation LocationObject(OParlUrls urls, Dictionary<string, PlaceUse> places, string key, bool standalone)
    {
        var use = places[key];
        var p = use.Place;
        return new OParlLocation
        {
            Id = urls.Location(key), Description = p.Description, Room = p.Room, StreetAddress = p.StreetAddress,
            PostalCode = p.PostalCode, Locality = p.Locality,
            Meetings = standalone ? use.Meetings.Select(m => urls.Meeting(m.MeetingId)).ToList() : null,
            Organizations = standalone ? use.Meetings.Select(m => m.BodyId).Distinct().Order().Select(urls.Organization).ToList() : null,
            Created = Iso(use.Created), Modified = Iso(use.Modified),
        };
    }

    public async Task<OParlList> LocationsAsync(OParlUrls urls, ListQuery query, CancellationToken ct)
    {
        var all = (await PlacesAsync(ct)).OrderBy(p => p.Value.Meetings[0].MeetingId).ToList();
        var page = query.Slice(all, p => p.Value.Created, p => p.Value.Modified, urls.BodyList("location"));
        return page with
        {
            Data = page.Data.Cast<KeyValuePair<string, PlaceUse>>().Select(p => (object)LocationObject(urls, places!, p.Key, standalone: true)).ToList(),
        };
    }

    public async Task<OParlLocation?> LocationAsync(OParlUrls urls, string key, CancellationToken ct) =>
        (await PlacesAsync(ct)).ContainsKey(key) ? LocationObject(urls, places!, key, standalone: true) : null;

    private static string Iso(DateTime utc) => PublicTimes.Iso(utc);
}
