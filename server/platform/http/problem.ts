import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from '../errors';

/** RFC 9457 problem details, with our stable `code` and field-level `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  instance?: string;
  errors?: FieldIssue[];
  [extra: string]: unknown;
}

export function problemBody(
  req: FastifyRequest,
  status: number,
  code: string,
  title: string,
  extra: Partial<Problem> = {},
): Problem {
  return { type: `urn:unioncare:problem:${code}`, title, status, code, instance: req.id, ...extra };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

const FASTIFY_CODES: Record<string, { status: number; code: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'request.too_large', title: 'Request body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'request.unsupported_media_type',
    title: 'Unsupported content type',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'request.empty_body', title: 'Empty JSON body' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'request.invalid_json',
    title: 'Body is not valid JSON',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'request.invalid_length',
    title: 'Bad content length',
  },
};

function fieldPath(context: string | undefined, instancePath: string): string {
  const prefix = context === 'querystring' ? 'query' : (context ?? 'body');
  const rest = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return rest ? `${prefix}.${rest}` : prefix;
}

/** The one error handler: every failure leaves as problem+json; only bugs become 500, and they say nothing. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      const { fields, ...rest } = err.details;
      return sendProblem(
        reply,
        problemBody(req, err.status, err.code, err.message, {
          ...rest,
          ...(fields ? { errors: fields } : {}),
        }),
      );
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = err.validation.map((v) => ({
        field: fieldPath(err.validationContext, v.instancePath),
        message: v.message ?? 'invalid',
        code: v.keyword,
      }));
      return sendProblem(
        reply,
        problemBody(req, 400, 'request.invalid', 'The request is not valid', {
          detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
          errors,
        }),
      );
    }
    if (isResponseSerializationError(err)) {
      req.log.error(
        { err: { message: err.message, url: req.routeOptions.url } },
        'response did not match schema',
      );
      return sendProblem(reply, problemBody(req, 500, 'server.error', 'Internal error'));
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendProblem(reply, problemBody(req, known.status, known.code, known.title));
    if (err.statusCode === 429) {
      return sendProblem(
        reply,
        problemBody(req, 429, 'request.rate_limited', 'Too many requests, slow down'),
      );
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, problemBody(req, err.statusCode, 'request.invalid', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, problemBody(req, 500, 'server.error', 'Internal error'));
  });
}
