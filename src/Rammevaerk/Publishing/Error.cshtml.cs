using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Publishing;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>What went wrong with this very request, when the code that answered said (<see cref="ErrorDetail"/>).</summary>
    public string? Detail { get; private set; }

    // The code comes from the route only: a re-executed POST must not read its (possibly too large) form again.
    public void OnGet([FromRoute] int? code) => Show(code);

    public void OnPost([FromRoute] int? code) => Show(code);

    private void Show(int? code)
    {
        Code = code ?? 500;
        Detail = ErrorDetail.Of(HttpContext);
    }

    public string Heading => Code switch
    {
        404 => "Siden findes ikke",
        403 => "Du har ikke adgang",
        400 => "Forespørgslen kunne ikke forstås",
        405 => "Siden kan ikke bruges sådan",
        409 => "Der er sket en ændring i mellemtiden",
        413 => "Det sendte er for stort",
        415 => "Filtypen kan ikke modtages",
        429 => "For mange forsøg",
        503 => "Tjenesten er ikke tilgængelig lige nu",
        _ => "Der opstod en fejl",
    };

    public string Text => Detail ?? Code switch
    {
        404 => "Siden eller filen findes ikke, eller den er ikke udgivet. Tjek adressen, eller gå til forsiden.",
        403 => "Din konto har ikke adgang til denne side. Log ind med en anden konto, eller kontakt sekretariatet.",
        400 => "Formularen var udløbet eller ufuldstændig. Gå tilbage, genindlæs siden og prøv igen.",
        405 => "Adressen kan ikke bruges til at sende en formular. Gå tilbage, og brug knapperne på siden.",
        409 => "Det, du ville ændre, er ændret af en anden i mellemtiden. Genindlæs siden, og prøv igen.",
        413 => "Den sendte fil eller tekst er større end grænsen. Vælg en mindre fil, eller del teksten op.",
        415 => "Siden tager ikke imod den slags indhold. Gå tilbage, og brug formularen på siden.",
        429 => "Der er kommet for mange forsøg på kort tid fra dig eller til denne konto. Vent et minut, og prøv igen.",
        503 => "Tjenesten er midlertidigt utilgængelig. Prøv igen om lidt.",
        _ => "Fejlen er registreret. Prøv igen om lidt, og kontakt sekretariatet, hvis den bliver ved.",
    };
}
