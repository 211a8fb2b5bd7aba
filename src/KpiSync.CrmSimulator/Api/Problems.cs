using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace KpiSync.CrmSimulator.Api;

/// <summary>Error bodies in amoCRM's problem+json shapes (see fixtures amocrm-error-*.json).</summary>
internal static class Problems
{
    private const string OAuthProblemType = "https://developers.amocrm.ru/v3/errors/OAuthProblemJson";

    public static ApiResponse Unauthorized() => Plain(StatusCodes.Status401Unauthorized, "Unauthorized", "Неверный логин или пароль");

    public static ApiResponse NotFound(string detail) => Plain(StatusCodes.Status404NotFound, "Not Found", detail);

    public static ApiResponse BadRequest(string detail) => Plain(StatusCodes.Status400BadRequest, "Bad Request", detail);

    public static ApiResponse PaymentRequired() => Plain(StatusCodes.Status402PaymentRequired, "Payment Required", "Account is not paid");

    /// <summary>500 or 503 as problem+json (502 and 504 come from nginx as HTML instead).</summary>
    public static ApiResponse ServerError(int status) =>
        Plain(status, ReasonPhrases.GetReasonPhrase(status), status == StatusCodes.Status503ServiceUnavailable
            ? "Service temporarily unavailable"
            : "Internal server error");

    /// <summary>The body amoCRM sends for a reused refresh token, a bad client or a bad code.</summary>
    public static ApiResponse OAuth(int status, string hint) => ApiResponse.Problem(status, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("hint", hint);
        writer.WriteString("title", "Некорректный запрос");
        writer.WriteString("type", OAuthProblemType);
        writer.WriteNumber("status", status);
        writer.WriteString("detail", "В запросе отсутствует ряд параметров или параметры невалидны");
        writer.WriteEndObject();
    });

    public static ApiResponse Validation(IReadOnlyList<ValidationError> errors) => ApiResponse.Problem(StatusCodes.Status400BadRequest, writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("validation-errors");
        foreach (var group in errors.GroupBy(error => error.RequestId, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("request_id", group.Key);
            writer.WriteStartArray("errors");
            foreach (var error in group)
            {
                writer.WriteStartObject();
                writer.WriteString("code", error.Code);
                writer.WriteString("path", error.Path);
                writer.WriteString("detail", error.Detail);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteTail(writer, StatusCodes.Status400BadRequest, "Bad Request", "Request validation failed");
        writer.WriteEndObject();
    });

    private static ApiResponse Plain(int status, string title, string detail) => ApiResponse.Problem(status, writer =>
    {
        writer.WriteStartObject();
        WriteTail(writer, status, title, detail);
        writer.WriteEndObject();
    });

    private static void WriteTail(Utf8JsonWriter writer, int status, string title, string detail)
    {
        writer.WriteString("title", title);
        writer.WriteString("type", $"https://httpstatus.es/{status}");
        writer.WriteNumber("status", status);
        writer.WriteString("detail", detail);
    }
}
