using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Encodings.Web;
using System.Xml;
using Rammevaerk.Shared;

namespace Rammevaerk.Publishing.Feeds;

/// <summary>
/// The Atom feed (RFC 4287) of newly published agendas and minutes: one entry per publication, newest first.
/// Imported minutes whose agenda was never published on its own (both steps at the same instant) give one entry.
/// </summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    public const int MaxEntries = 50;

    public sealed record Publication(FeedMeeting Meeting, bool IsMinutes, DateTime At)
    {
        public string Kind => IsMinutes ? "Referat" : "Dagsorden";
    }

    /// <summary>The newest publications of <paramref name="meetings"/>, newest first.</summary>
    public static List<Publication> Latest(IEnumerable<FeedMeeting> meetings, int count = MaxEntries) =>
        meetings.SelectMany(m =>
            {
                var list = new List<Publication>();
                if (m.AgendaPublishedAt is { } agenda && agenda != m.MinutesPublishedAt) list.Add(new Publication(m, false, agenda));
                if (m.MinutesPublishedAt is { } minutes) list.Add(new Publication(m, true, minutes));
                return list;
            })
            .OrderByDescending(p => p.At).ThenByDescending(p => p.Meeting.Id).ThenByDescending(p => p.IsMinutes)
            .Take(count)
            .ToList();

    /// <param name="title">e.g. "Socialdirektørforum – nye dagsordener og referater".</param>
    /// <param name="selfUrl">The feed's own URL, also its id.</param>
    /// <param name="alternateUrl">The public page the feed follows (all bodies, or one body's page).</param>
    public static byte[] Build(IReadOnlyList<Publication> publications, string title, string selfUrl, string alternateUrl, string root, string authority, DateTime now)
    {
        var updated = publications.Count > 0 ? publications.Max(p => p.At) : now;
        var feed = new SyndicationFeed(title, "Dagsordener og referater, efterhånden som de udgives.", new Uri(alternateUrl), selfUrl, Offset(updated))
        {
            Language = "da",
            Generator = "Rammeværk",
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(selfUrl), "application/atom+xml"));
        feed.Authors.Add(new SyndicationPerson { Name = "Fælleskommunalt Socialsekretariat" });
        feed.Items = publications.Select(p => Entry(p, root, authority)).ToList();

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return stream.ToArray();
    }

    private static SyndicationItem Entry(Publication p, string root, string authority)
    {
        var m = p.Meeting;
        var page = PublicSite.MeetingPage(root, m.Id);
        var title = $"{p.Kind}: {m.BodyName} {Danish.Date(m.StartsAt)}";
        // tag URI (RFC 4151): the same publication keeps its id whatever else changes.
        var id = $"tag:{authority},{p.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:moede/{m.Id}/{(p.IsMinutes ? "referat" : "dagsorden")}";
        var item = new SyndicationItem(title, SyndicationContent.CreateHtmlContent(Html(p, m)), new Uri(page), id, Offset(p.At))
        {
            PublishDate = Offset(p.At),
            Summary = new TextSyndicationContent(Summary(m)),
        };
        item.Categories.Add(new SyndicationCategory(m.BodyName));
        return item;
    }

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Summary(FeedMeeting m) =>
        $"{m.Title} {Danish.MeetingStart(m.StartsAt, m.TimeUnknown)}{(m.Location is { Length: > 0 } l ? $", {l}" : "")}. {m.Items.Count} {(m.Items.Count == 1 ? "punkt" : "punkter")}.";

    private static string Html(Publication p, FeedMeeting m)
    {
        var e = Encoder;
        var html = new StringBuilder();
        html.Append("<p>").Append(e.Encode($"{p.Kind} udgivet {Danish.Published(p.At)}. {Summary(m)}")).Append("</p>");
        if (m.Items.Count > 0)
        {
            html.Append("<ol>");
            foreach (var i in m.Items)
            {
                html.Append("<li value=\"").Append(i.Number).Append("\">").Append(e.Encode(i.Title))
                    .Append(i.IsClosed ? " (lukket punkt)" : "").Append("</li>");
            }
            html.Append("</ol>");
        }
        return html.ToString();
    }

    private static DateTimeOffset Offset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
