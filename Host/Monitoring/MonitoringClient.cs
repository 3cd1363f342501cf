using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace A3C.Host.Monitoring;

/// <summary>Reads a running node's <c>/api/actors</c> and <c>/api/training</c>.</summary>
public sealed class MonitoringClient(HttpClient http, Uri baseUrl)
{
    /// <summary>An absolute http or https URL, or a <see cref="MonitoringClientException"/> saying what is wrong with it.</summary>
    public static Uri ParseUrl(string text)
    {
        // "127.0.0.1:9090" parses as a URL with scheme "127.0.0.1": without "://" it is a host and port.
        if (!text.Contains("://", StringComparison.Ordinal))
            throw new MonitoringClientException($"\"{text}\" is not a URL; did you mean http://{text}?");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url))
            throw new MonitoringClientException($"\"{text}\" is not a URL; expected e.g. http://127.0.0.1:9090");
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            throw new MonitoringClientException($"\"{text}\" is a {url.Scheme} URL; expected http or https, e.g. http://127.0.0.1:9090");
        return url;
    }

    public Task<ActorsDocument> ActorsAsync(CancellationToken cancellationToken) =>
        GetAsync("api/actors", MonitoringJsonContext.Default.ActorsDocument, d => d.Service, cancellationToken);

    public Task<TrainingDocument> TrainingAsync(CancellationToken cancellationToken) =>
        GetAsync("api/training", MonitoringJsonContext.Default.TrainingDocument, d => d.Service, cancellationToken);

    private async Task<T> GetAsync<T>(string route, JsonTypeInfo<T> type, Func<T, string?> service, CancellationToken cancellationToken)
    {
        var url = new Uri(baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"), route);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            throw new MonitoringClientException($"no a3c node at {baseUrl}: connection refused (is `a3c train` running with monitoring enabled on that port?)");
        }
        catch (HttpRequestException e)
        {
            throw new MonitoringClientException($"cannot reach {baseUrl}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MonitoringClientException($"{url} did not answer within {http.Timeout.TotalSeconds:F0} s");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw NotANode(url, $"it answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            if (response.Content.Headers.ContentType?.MediaType != "application/json")
                throw NotANode(url, $"it answered {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not JSON");
            T? document;
            try
            {
                document = await response.Content.ReadFromJsonAsync(type, cancellationToken);
            }
            catch (JsonException e)
            {
                throw NotANode(url, $"its JSON is not an a3c document ({e.Message})");
            }
            if (document is null || service(document) != ActorsDocument.ServiceName)
                throw NotANode(url, "its JSON does not name the a3c service");
            return document;
        }
    }

    private static MonitoringClientException NotANode(Uri url, string why) =>
        new($"{url} is not an a3c monitoring endpoint: {why}");
}

/// <summary>A node that cannot be read, with a message fit for the command line.</summary>
public sealed class MonitoringClientException(string message) : Exception(message);
