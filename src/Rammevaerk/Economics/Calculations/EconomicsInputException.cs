// Public API (stable):
//   public sealed class EconomicsInputException(string message) : Exception(message)
// Thrown by every calculation in Rammevaerk.Economics.Calculations when the input cannot be used.
// The message is Danish, meant for the user as is, and names the field, year or participant at fault,
// e.g. "Totalen må ikke være negativ." or "Der mangler befolkningstal for 2024 for Fanø og Ærø.".
// Nothing is computed (and so nothing should be saved) when it is thrown.
namespace Rammevaerk.Economics.Calculations;

/// <summary>Bad input to an economics calculation; <see cref="Exception.Message"/> is Danish and user-facing.</summary>
public sealed class EconomicsInputException(string message) : Exception(message);
