using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace NewsTracker.Web.Ingestion.Fetching;

/// <summary>The one way NewsTracker fetches anything from the web: URL rules on every hop, manual
/// redirects, an address check at connect time (see <see cref="ConnectGuard"/>), a total timeout,
/// a size limit counted after decompression, and charset-aware decoding.</summary>
/// <remarks>Give it an <see cref="HttpClient"/> whose primary handler came from
/// <see cref="ConnectGuard.CreateHandler"/> with the same options; <c>AddSafeFetching</c> does.</remarks>
public sealed class SafeFetcher(HttpClient httpClient, FetchingOptions options)
{
    private const int ReadChunkBytes = 16 * 1024;

    private readonly HttpClient _httpClient = httpClient;
    private readonly FetchingOptions _options = options;
    private readonly ConnectGuard _guard = new(options);

    /// <summary>Fetches <paramref name="url"/> as written by a person or a feed.</summary>
    /// <exception cref="FetchException">For every refusal and failure; the message is for the journalist.</exception>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public Task<FetchedDocument> FetchAsync(string url, FetchRequest? request = null, CancellationToken cancellationToken = default) =>
        FetchCheckedAsync(url, request ?? FetchRequest.Html, cancellationToken);

    /// <summary>Fetches <paramref name="url"/>; its original text is what the URL rules inspect.</summary>
    public Task<FetchedDocument> FetchAsync(Uri url, FetchRequest? request = null, CancellationToken cancellationToken = default) =>
        FetchCheckedAsync(url.OriginalString, request ?? FetchRequest.Html, cancellationToken);

    private async Task<FetchedDocument> FetchCheckedAsync(string url, FetchRequest request, CancellationToken cancellationToken)
    {
        var requested = FetchUrlRules.Check(url, _options);
        _guard.EnsureLiteralAllowed(requested);
        var limit = request.MaxResponseBytes ?? _options.MaxResponseBytes;

        using var total = new CancellationTokenSource(_options.TotalTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token);
        var current = requested;
        var redirects = 0;
        while (true)
        {
            try
            {
                using var message = CreateRequest(current, request);
                using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                if (IsRedirect(response.StatusCode) && response.Headers.NonValidated.TryGetValues("Location", out var locations))
                {
                    redirects++;
                    if (redirects > _options.MaxRedirects)
                    {
                        throw new FetchException(
                            FetchErrorKind.TooManyRedirects,
                            $"The page redirected more than {_options.MaxRedirects} times. Open it in a browser and paste the address it finally shows.")
                        { Url = current };
                    }

                    var next = FetchUrlRules.CheckRedirect(current, locations.ToString(), _options);
                    _guard.EnsureLiteralAllowed(next);
                    current = next;
                    continue;
                }

                return await ReadResponseAsync(requested, current, redirects, response, request, limit, linked.Token);
            }
            catch (FetchException e) when (e.Url is null)
            {
                throw new FetchException(e.Kind, e.Message, e.InnerException) { Url = current, StatusCode = e.StatusCode, RetryAfter = e.RetryAfter };
            }
            catch (HttpRequestException e) when (FindFetchException(e) is { } refusal)
            {
                throw new FetchException(refusal.Kind, refusal.Message, refusal.InnerException) { Url = current };
            }
            catch (HttpRequestException e)
            {
                throw new FetchException(FetchErrorKind.ConnectionFailed, ConnectionFailureMessage(current, e), e) { Url = current };
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                var message = total.IsCancellationRequested
                    ? $"{current.Host} did not deliver the page within {Seconds(_options.TotalTimeout)}. The site may be overloaded; try again later."
                    : $"{current.Host} did not accept a connection within {Seconds(_options.ConnectTimeout)}. The site may be down; try again later.";
                throw new FetchException(FetchErrorKind.Timeout, message, e) { Url = current };
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                throw new FetchException(
                    FetchErrorKind.ConnectionFailed,
                    $"The connection to {current.Host} broke while the page was downloading, or the site sent damaged data. Try again later.",
                    e)
                { Url = current };
            }
        }
    }

    private HttpRequestMessage CreateRequest(Uri url, FetchRequest request)
    {
        // HTTP/3 is never asked for: QUIC does not go through ConnectCallback, so it would bypass the guard.
        var message = new HttpRequestMessage(HttpMethod.Get, url)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        foreach (var mediaType in request.AcceptedMediaTypes)
        {
            if (MediaTypeWithQualityHeaderValue.TryParse(mediaType, out var accepted))
            {
                message.Headers.Accept.Add(accepted);
            }
        }

        // A validator that does not parse is dropped: the fetch then simply is not conditional.
        if (EntityTagHeaderValue.TryParse(request.IfNoneMatch, out var entityTag))
        {
            message.Headers.IfNoneMatch.Add(entityTag);
        }

        message.Headers.IfModifiedSince = request.IfModifiedSince;
        return message;
    }

    private static async Task<FetchedDocument> ReadResponseAsync(
        Uri requested, Uri final, int redirects, HttpResponseMessage response, FetchRequest request, long limit, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var headers = new FetchedDocument
        {
            RequestedUrl = requested,
            FinalUrl = final,
            StatusCode = status,
            RedirectCount = redirects,
            Text = string.Empty,
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified,
            CacheControl = response.Headers.CacheControl,
            RetryAfter = response.Headers.RetryAfter,
        };

        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return headers;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new FetchException(FetchErrorKind.HttpError, HttpErrorMessage(final, response))
            {
                StatusCode = status,
                RetryAfter = response.Headers.RetryAfter,
            };
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
        if (mediaType is null || !request.Accepts(mediaType))
        {
            var found = mediaType is null ? "a document of unstated type" : $"a document of type {mediaType}";
            var expected = request.AcceptedMediaTypes.SequenceEqual(FetchRequest.HtmlMediaTypes, StringComparer.OrdinalIgnoreCase)
                ? "a web page"
                : "one of " + string.Join(", ", request.AcceptedMediaTypes);
            throw new FetchException(
                FetchErrorKind.UnsupportedContentType,
                $"The address points to {found}, not {expected}. Check that it is the article's own address.");
        }

        if (response.Content.Headers.ContentLength > limit)
        {
            throw TooLarge(final, limit);
        }

        var (body, length) = await ReadLimitedAsync(response.Content, limit, final, cancellationToken);
        var declaredCharset = response.Content.Headers.ContentType?.CharSet;
        if (request.RawBody)
        {
            return headers with { MediaType = mediaType, DeclaredCharset = declaredCharset, Body = body.AsMemory(0, length), ByteCount = length };
        }

        var (text, charset) = ResponseTextDecoder.Decode(body.AsSpan(0, length), declaredCharset);
        return headers with { MediaType = mediaType, Charset = charset, DeclaredCharset = declaredCharset, Text = text, ByteCount = length };
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes of the decompressed stream, so a
    /// compression bomb stops at the limit instead of filling memory.</summary>
    private static async Task<(byte[] Body, int Length)> ReadLimitedAsync(HttpContent content, long limit, Uri url, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, ReadChunkBytes), cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(url, limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (buffer.GetBuffer(), (int)buffer.Length);
    }

    private static FetchException TooLarge(Uri url, long limit) => new(
        FetchErrorKind.TooLarge,
        $"The page at {url.Host} is larger than {FormatBytes(limit)}; NewsTracker does not fetch documents that big. If it is an article, paste its text instead.");

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static FetchException? FindFetchException(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is FetchException fetch)
            {
                return fetch;
            }
        }

        return null;
    }

    private static string HttpErrorMessage(Uri url, HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase;
        var advice = code switch
        {
            404 or 410 => "The page does not exist (any more); check the address.",
            401 or 403 => "The site refuses to show this page to NewsTracker; it may be behind a paywall or login. Paste the article's text instead.",
            429 => "The site is limiting how often it may be fetched; try again later.",
            >= 500 => "The site has a problem of its own; try again later.",
            _ => "The site did not return the page.",
        };
        return $"{url.Host} answered {code.ToString(CultureInfo.InvariantCulture)} {reason}. {advice}";
    }

    private static string ConnectionFailureMessage(Uri url, HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => $"The site name {url.Host} could not be found. Check the address for typos.",
        HttpRequestError.SecureConnectionError => $"The secure connection to {url.Host} failed; the site's certificate may be invalid or expired.",
        HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse =>
            $"{url.Host} closed the connection or answered with something that is not a web page response. Try again later.",
        _ => $"Could not connect to {url.Host}. Check the address, or try again later.",
    };

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + (span == TimeSpan.FromSeconds(1) ? " second" : " seconds");

    private static string FormatBytes(long bytes)
    {
        const double Mebibyte = 1024 * 1024;
        return bytes >= Mebibyte
            ? (bytes / Mebibyte).ToString("0.#", CultureInfo.InvariantCulture) + " MiB"
            : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
    }
}
