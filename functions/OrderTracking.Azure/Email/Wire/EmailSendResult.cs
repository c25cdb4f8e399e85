namespace OrderTracking.Azure.Email.Wire;

/// <summary>ACS <c>EmailSendResult</c> (202 body): the operation id and its status (<c>NotStarted</c>, <c>Running</c>, …).</summary>
internal sealed record EmailSendResult(string? Id, string? Status);
