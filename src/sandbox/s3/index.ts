import { ServiceError, type HttpRequest, type HttpResponse, type RequestContext } from '../service.js';

/** S3 REST-XML, path style: `/<bucket>[/<key>]` plus query flags select the operation. */
export async function handleS3(request: HttpRequest, _ctx: RequestContext): Promise<HttpResponse> {
  throw new ServiceError('NotImplemented', `${request.method} ${request.path} is not served yet`, 501);
}
