using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Primitives;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Tests.Shared;

public sealed class FormErrorOrderTests
{
    private static HttpRequest Posted(params string[] fields)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Form = new FormCollection(fields.ToDictionary(f => f, _ => new StringValues("")));
        return http.Request;
    }

    [Fact]
    public void Errors_follow_the_fields_of_the_posted_form_and_errors_of_the_whole_form_come_last()
    {
        var state = new ModelStateDictionary();
        // Added in an order that is neither the form's nor the alphabet's.
        state.AddModelError("", "Mødet er ændret af en anden.");
        state.AddModelError("Input.EndsLocal", "Slut skal ligge efter start.");
        state.AddModelError("Input.Title", "Titlen må ikke være tom.");
        state.AddModelError("Input.StartsLocal", "Angiv start.");
        state.AddModelError("Input.BodyId", "Vælg et udvalg.");

        var messages = FormErrorOrder.Messages(state, Posted("Input.BodyId", "Input.Title", "Input.Location", "Input.StartsLocal", "Input.EndsLocal", "__RequestVerificationToken"));

        Assert.Equal(["Vælg et udvalg.", "Titlen må ikke være tom.", "Angiv start.", "Slut skal ligge efter start.", "Mødet er ændret af en anden."], messages);
    }

    [Fact]
    public void Without_a_posted_form_every_message_is_still_listed_once()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Input.Title", "Titlen må ikke være tom.");
        state.AddModelError("Input.Location", "Titlen må ikke være tom.");
        state.AddModelError("Input.Amount", "Beløbet skal være et tal.");
        var http = new DefaultHttpContext();

        var messages = FormErrorOrder.Messages(state, http.Request);

        Assert.Equal(2, messages.Count);
        Assert.Contains("Beløbet skal være et tal.", messages);
    }
}
