using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Publication;

namespace Rammevaerk.Tests.Publication;

/// <summary>
/// The publish page's "Ændringer i forhold til den offentlige version": every line must be true of what the public
/// will see. Of a closed item only the title is public, so its decision never "goes public".
/// </summary>
public class VersionDiffTests
{
    private static readonly DateTime Start = new(2024, 3, 22, 8, 0, 0, DateTimeKind.Utc);

    private static ItemView Item(int id, int number, bool closed, string? decision = null, string? background = null,
        IReadOnlyList<AttachmentView>? attachments = null) =>
        new(id, number, $"Punkt med id {id}", closed, null, background, null, null, decision, [], attachments ?? [], false);

    private static MeetingView Meeting(MeetingState state, params ItemView[] items) =>
        new(1, "Socialdirektørforum", "sdf", "Møde i Socialdirektørforum", "Middelfart", Start, Start.AddHours(3), state,
            Start.AddDays(-7), state == MeetingState.MinutesPublished ? Start.AddDays(7) : null, null, 1, items);

    [Fact]
    public void A_decision_written_for_an_open_item_goes_public_but_one_for_a_closed_item_stays_closed()
    {
        var agenda = Meeting(MeetingState.AgendaPublished, Item(1, 1, closed: false), Item(3, 3, closed: true));
        var minutes = Meeting(MeetingState.MinutesPublished,
            Item(1, 1, closed: false, decision: "Godkendt."), Item(3, 3, closed: true, decision: "Indstillingen blev fulgt."));

        var lines = VersionDiff.Describe(agenda, minutes);

        Assert.Contains("Punkt 1 (Punkt med id 1): beslutningen offentliggøres.", lines);
        var closed = Assert.Single(lines, l => l.StartsWith("Punkt 3 ", StringComparison.Ordinal));
        Assert.DoesNotContain("offentliggøres", closed);
        Assert.Equal("Punkt 3 (Punkt med id 3): beslutningen skrives (lukket punkt: kun titlen er offentlig).", closed);
    }

    [Fact]
    public void Content_and_attachments_changed_in_a_closed_item_are_said_to_stay_closed()
    {
        var before = Meeting(MeetingState.MinutesPublished, Item(3, 3, closed: true, decision: "A", background: "x"));
        var after = Meeting(MeetingState.MinutesPublished, Item(3, 3, closed: true, decision: "B", background: "y",
            attachments: [new AttachmentView(9, "fortroligt.pdf", 10, false)]));

        var lines = VersionDiff.Describe(before, after);

        Assert.Equal(
        [
            "Punkt 3 (Punkt med id 3): Baggrund ændres (lukket punkt: kun titlen er offentlig).",
            "Punkt 3 (Punkt med id 3): beslutningen ændres (lukket punkt: kun titlen er offentlig).",
            "Punkt 3 (Punkt med id 3): bilag «fortroligt.pdf» tilføjes (lukket punkt: kun titlen er offentlig).",
        ], lines);
    }
}
