using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Rammevaerk.Shared.Forms;

/// <summary>
/// The messages of a form's errors in the order its fields stand on the page. ModelState lists its keys
/// alphabetically ("Slut" before "Start", the title last); browsers send a form's fields in document order, so the
/// posted form's own keys give the order. Keys the form did not send (the model-level key "", checks of the whole
/// form) follow, in ModelState's order.
/// </summary>
public static class FormErrorOrder
{
    public static List<string> Messages(ModelStateDictionary state, HttpRequest request)
    {
        var sent = request.HasFormContentType ? request.Form.Keys.ToList() : [];
        int Position(string key) => sent.FindIndex(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i : int.MaxValue;
        return state.OrderBy(e => Position(e.Key)).SelectMany(e => e.Value?.Errors ?? [])
            .Select(e => e.ErrorMessage).Where(m => m.Length > 0).Distinct().ToList();
    }
}
