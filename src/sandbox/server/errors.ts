// AWS errors as each wire protocol reports them, so the SDK raises the same typed exceptions it raises against AWS.
import { ServiceError, type HttpResponse } from '../service.js';

/** awsJson1_1 (SageMaker, Cognito), awsQuery (STS, SNS: answered in the service's XML namespace), REST-XML (S3). */
export type Protocol = 'json' | { query: string } | 'xml';

/** Anything thrown that is not a ServiceError is the sandbox's own fault: a 500 the SDK treats as retryable. */
export function asServiceError(error: unknown, protocol?: Protocol): ServiceError {
  if (error instanceof ServiceError) return error;
  return new ServiceError(protocol === 'xml' ? 'InternalError' : 'InternalFailure', String(error), 500);
}

export function errorResponse(protocol: Protocol, error: ServiceError, requestId: string): HttpResponse {
  if (protocol === 'json')
    return {
      status: error.status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ __type: error.code, message: error.message }),
    };
  if (protocol === 'xml')
    return {
      status: error.status,
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message><RequestId>${requestId}</RequestId></Error>`,
    };
  // The SDK's awsQuery parser reads `ErrorResponse.Error.Code`; a bare <Error> root would lose the code.
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml' },
    body:
      `<ErrorResponse xmlns="${protocol.query}"><Error>` +
      `<Type>${error.status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
      `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
      `</Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}
