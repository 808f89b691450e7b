namespace Rammevaerk.Shared.Forms;

/// <summary>
/// A form that has been acted on: its one-time token (<see cref="SubmissionToken"/>), the handler it was posted to
/// and what it carried, written in the same transaction as whatever the handler saved. A second POST of the same
/// rendering of the form with the same content (a double click, a refresh, a retried request, on this node or
/// another) finds the row and is shown the first one's result instead of doing the work again. The same form sent
/// back with other content (the user went back and changed a field) is a new submission.
/// </summary>
[Hosting.NotPublicData("One-time form tokens: which form was sent and what it led to; never shown to the public.")]
public sealed class FormSubmission
{
    public const int KeyLength = 64;
    public const int HandlerLength = 200;
    public const int UrlLength = 2000;

    /// <summary>SHA-256 (hex) of the token, the address posted to and the fields and files sent.</summary>
    public string Key { get; set; } = "";

    /// <summary>The page and handler posted to, "/Meetings/Authoring/Create?" or "/Meetings/Authoring/Edit?AddItem".</summary>
    public string Handler { get; set; } = "";

    public string? UserName { get; set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>Where the first submission's result is shown: the page it redirected to, else the page itself.</summary>
    public string ResultUrl { get; set; } = "/";

    /// <summary>Set once the first submission's handler has finished; a duplicate waits a little for it.</summary>
    public bool Completed { get; set; }
}
