import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  Assessment,
  OtpSent,
  PublicStatus,
  SelfReportResult,
  type SelfReportBody,
  type SelfTestBody,
  type StatusBody,
} from '../../../contracts/assistance';
import { apiSend } from '../../api/client';

/** The public endpoints of the workers' pages: no session, a one-time code instead. */
export type SelfReportInput = z.input<typeof SelfReportBody>;
export type SelfReportView = z.infer<typeof SelfReportResult>;
export type StatusView = z.infer<typeof PublicStatus>;
export type StatusItem = StatusView['items'][number];
export type AssessmentView = z.infer<typeof Assessment>;

export const useSendCode = () =>
  useMutation({ mutationFn: (phone: string) => apiSend('POST', '/api/public/otp', { phone }, OtpSent) });

/** One request for help; with `clientRef` a repeat returns the first reference (the phone's queue). */
export const sendSelfReport = (body: SelfReportInput): Promise<SelfReportView> =>
  apiSend('POST', '/api/public/self-report', body, SelfReportResult);

export const useSelfReport = () => useMutation({ mutationFn: sendSelfReport });

export const useStatusLookup = () =>
  useMutation({
    mutationFn: (body: z.input<typeof StatusBody>) =>
      apiSend('POST', '/api/public/status', body, PublicStatus),
  });

export const useSelfTest = () =>
  useMutation({
    mutationFn: (body: z.input<typeof SelfTestBody>) =>
      apiSend('POST', '/api/public/self-test', body, Assessment),
  });
