import type { FastifyInstance } from 'fastify';
import {
  Assessment,
  OtpBody,
  OtpSent,
  PublicStatus,
  SelfReportBody,
  SelfReportResult,
  SelfTestBody,
  StatusBody,
} from '../../../../contracts/assistance';
import { typed } from '../../../platform/http/routes';
import type { SelfReportService } from './self-report.service';

/** The worker's phone page: public, rate-limited per address on top of the per-phone limits. */
export function selfReportRoutes(service: SelfReportService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['worker'];
    const open = (perMinute: number) => ({
      access: { kind: 'public' as const },
      rateLimit: { max: perMinute, timeWindow: 60_000 },
    });

    r.post(
      '/api/public/otp',
      {
        config: open(10),
        schema: {
          tags,
          summary: '发送验证码 Send a one-time code',
          body: OtpBody,
          response: { 200: OtpSent },
        },
      },
      async (req) => service.requestCode(req.body.phone, req.ip ?? null),
    );
    r.post(
      '/api/public/self-report',
      {
        config: open(10),
        schema: {
          tags,
          summary: '职工自主申报 Ask for help',
          body: SelfReportBody,
          response: { 200: SelfReportResult },
        },
      },
      async (req) => service.selfReport(req.body, req.ip ?? null),
    );
    r.post(
      '/api/public/status',
      {
        config: open(10),
        schema: { tags, summary: '查询进度 My requests', body: StatusBody, response: { 200: PublicStatus } },
      },
      async (req) => service.status(req.body.phone, req.body.code),
    );
    r.post(
      '/api/public/self-test',
      {
        config: open(30),
        schema: {
          tags,
          summary: '建档自测 Archive self-test (nothing stored)',
          body: SelfTestBody,
          response: { 200: Assessment },
        },
      },
      async (req) => service.selfTest(req.body),
    );
  };
}
