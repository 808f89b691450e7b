using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rammevaerk.Publishing;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int? code) => Code = code ?? 500;

    public void OnPost(int? code) => Code = code ?? 500;

    public string Heading => Code switch
    {
        404 => "Siden findes ikke",
        403 => "Du har ikke adgang",
        400 => "Forespørgslen kunne ikke forstås",
        413 => "Filen er for stor",
        429 => "For mange forsøg",
        _ => "Der opstod en fejl",
    };

    public string Text => Code switch
    {
        404 => "Siden eller filen findes ikke, eller den er ikke udgivet. Tjek adressen, eller gå til forsiden.",
        403 => "Din konto har ikke adgang til denne side. Log ind med en anden konto, eller kontakt sekretariatet.",
        400 => "Formularen var udløbet eller ufuldstændig. Gå tilbage, genindlæs siden og prøv igen.",
        413 => "Den sendte fil er større end grænsen. Vælg en mindre fil.",
        429 => "Der er kommet for mange forsøg på kort tid fra dig eller til denne konto. Vent et minut, og prøv igen.",
        _ => "Fejlen er registreret. Prøv igen om lidt, og kontakt sekretariatet, hvis den bliver ved.",
    };
}
