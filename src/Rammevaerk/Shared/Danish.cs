using System.Globalization;

namespace Rammevaerk.Shared;

/// <summary>Danish time and formats. Instants are stored in UTC and shown in Copenhagen time.</summary>
public static class Danish
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("da-DK");
    public static readonly TimeZoneInfo TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone);

    /// <summary>Today's date in Denmark by the given clock (the app's one TimeProvider; tests move it).</summary>
    public static DateTime TodayOf(TimeProvider clock) => ToLocal(clock.GetUtcNow().UtcDateTime).Date;

    public static DateOnly DateOf(TimeProvider clock) => DateOnly.FromDateTime(TodayOf(clock));

    /// <summary>"fredag d. 27. juni 2025"</summary>
    public static string LongDate(DateTime utc) => ToLocal(utc).ToString("dddd 'd.' d. MMMM yyyy", Culture);

    /// <summary>Danish genitive: "Region Syddanmarks", "Vejle Kommunes"; a name ending in s, x or z takes an apostrophe ("Aabenraa Kommunes" but "Kolding Fjords'").</summary>
    public static string Genitive(string name) =>
        name.Length > 0 && "sxzSXZ".Contains(name[^1]) ? name + "'" : name + "s";

    /// <summary>"1 minut", "5 minutter".</summary>
    public static string Minutes(int n) => n == 1 ? "1 minut" : $"{n} minutter";

    /// <summary>"27. juni 2025"</summary>
    public static string Date(DateTime utc) => ToLocal(utc).ToString("d. MMMM yyyy", Culture);

    /// <summary>"27.06.2025"</summary>
    public static string ShortDate(DateTime utc) => ToLocal(utc).ToString("dd.MM.yyyy", Culture);

    /// <summary>"09:00"</summary>
    public static string Time(DateTime utc) => ToLocal(utc).ToString("HH':'mm", Culture);

    /// <summary>"27.06.2025 kl. 09:00"</summary>
    public static string DateAndTime(DateTime utc) => ToLocal(utc).ToString("dd.MM.yyyy 'kl.' HH':'mm", Culture);

    /// <summary>
    /// A publication time: "18.06.2025 kl. 14:05", or just "18.06.2025" when only the day is known (imported
    /// minutes carry a date without a time; it is stored as local midnight).
    /// </summary>
    public static string Published(DateTime utc) =>
        ToLocal(utc).TimeOfDay == TimeSpan.Zero ? ShortDate(utc) : DateAndTime(utc);

    /// <summary>"fredag d. 27. juni 2025 kl. 09:00"</summary>
    public static string LongDateTime(DateTime utc) => $"{LongDate(utc)} kl. {Time(utc)}";

    /// <summary>
    /// A meeting's start as people read it: "fredag d. 27. juni 2025 kl. 09:00", or only the date when the clock time
    /// is not known (imported minutes that give none: stored as local midnight, never shown as "kl. 00:00").
    /// </summary>
    public static string MeetingStart(DateTime utc, bool timeUnknown) => timeUnknown ? LongDate(utc) : LongDateTime(utc);

    /// <summary>The short form for lists: "27.06.2025 kl. 09:00", or "27.06.2025" when the time is not known.</summary>
    public static string MeetingStartShort(DateTime utc, bool timeUnknown) => timeUnknown ? ShortDate(utc) : DateAndTime(utc);

    /// <summary>For &lt;time datetime&gt; of a meeting's start: the date alone when the time is not known.</summary>
    public static string MeetingIso(DateTime utc, bool timeUnknown) =>
        timeUnknown ? ToLocal(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Iso(utc);

    /// <summary>ISO 8601 with offset for &lt;time datetime&gt;.</summary>
    public static string Iso(DateTime utc) =>
        new DateTimeOffset(ToLocal(utc), TimeZone.GetUtcOffset(utc)).ToString("yyyy-MM-dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture);

    public static string Number(decimal value, int decimals = 0) => value.ToString("N" + decimals, Culture);

    /// <summary>
    /// The one "too long" message, with both numbers as Danish users read them: "Titlen må højst være 300 tegn (den er
    /// 100.001)." Without a length only the limit: "Beskrivelsen må højst være 2.000 tegn."
    /// </summary>
    public static string TooLong(string what, int max, int? length = null) =>
        $"{what} må højst være {Number(max)} tegn" + (length is int n ? $" (den er {Number(n)})." : ".");

    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{(bytes / 1024m).ToString("N0", Culture)} KB",
        _ => $"{(bytes / (1024m * 1024m)).ToString("N1", Culture)} MB",
    };

    /// <summary>The Danish word for a membership role.</summary>
    public static string Role(Bodies.MembershipRole role) => role switch
    {
        Bodies.MembershipRole.Chair => "Formand",
        Bodies.MembershipRole.ViceChair => "Næstformand",
        Bodies.MembershipRole.Member => "Medlem",
        Bodies.MembershipRole.Substitute => "Suppleant",
        _ => role.ToString(),
    };

    public static string State(Meetings.MeetingState state) => state switch
    {
        Meetings.MeetingState.Draft => "Kladde",
        Meetings.MeetingState.AgendaPublished => "Dagsorden udgivet",
        Meetings.MeetingState.MinutesPublished => "Referat udgivet",
        _ => state.ToString(),
    };
}
