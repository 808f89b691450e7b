using Rammevaerk.Publishing.Feeds;

namespace Rammevaerk.OParl;

/// <summary>The absolute URLs of the API's objects and lists, and of the public pages they point at.</summary>
public sealed class OParlUrls(string siteRoot)
{
    public const string BasePath = "/oparl/v1.1";

    /// <summary>Rammeværk serves one OParl Body: the secretariat's framework-agreement area.</summary>
    public const int BodyId = 1;

    public string Site { get; } = siteRoot;
    public string Api { get; } = siteRoot + BasePath;

    public static OParlUrls For(HttpContext http) => new(PublicSite.Root(http));

    public string System => $"{Api}/system";
    public string Bodies => $"{Api}/body";
    public string Body => $"{Api}/body/{BodyId}";
    public string BodyList(string list) => $"{Body}/{list}";
    public string Organization(int id) => $"{Api}/organization/{id}";
    public string OrganizationMeetings(int id) => $"{Api}/organization/{id}/meeting";
    public string Person(int id) => $"{Api}/person/{id}";
    public string Membership(int id) => $"{Api}/membership/{id}";
    public string Meeting(int id) => $"{Api}/meeting/{id}";
    public string AgendaItem(int id) => $"{Api}/agendaitem/{id}";
    public string File(int id) => $"{Api}/file/{id}";
    public string FileAccess(int id) => $"{Api}/file/{id}/access";
    public string Location(string key) => $"{Api}/location/{key}";
    public string Paper(int caseId) => $"{Api}/paper/{caseId}";
    public string Consultation(int itemId) => $"{Api}/consultation/{itemId}";
    public string OutsideConsultation(int stepId) => $"{Api}/consultation/udenfor/{stepId}";

    public string Home => Site + "/";
    public string MeetingPage(int meetingId) => PublicSite.MeetingPage(Site, meetingId);
    public string ItemPage(int meetingId, int number) => $"{MeetingPage(meetingId)}#punkt-{number}";
    public string BodyPage(string slug) => PublicSite.BodyPage(Site, slug);
    public string Download(int attachmentId, string fileName) => PublicSite.Attachment(Site, attachmentId, fileName);
}
