import { useCallback, useRef } from 'react';
import { isApiError } from '../../api/client';
import { useOtp } from '../kit/otp';
import { useSendCode } from './help-api';
import { useHErrorText, useHT } from './help-texts';

/**
 * The workers' one-time code: the kit's flow with their send call and their words.
 * `sendFailedOffline()`: the last ask for a code found no network (the worker may fill in the
 * form meanwhile and keep it on the phone).
 */
export function useHelpOtp() {
  const sendCode = useSendCode();
  const say = useHT();
  const errorText = useHErrorText();
  const offline = useRef(false);
  const { mutateAsync } = sendCode;
  const send = useCallback(
    async (phone: string) => {
      offline.current = false;
      try {
        return await mutateAsync(phone);
      } catch (err) {
        offline.current = !navigator.onLine || (isApiError(err) && err.status === 0);
        throw err;
      }
    },
    [mutateAsync],
  );
  const otp = useOtp({ sendCode: send, sending: sendCode.isPending, say, errorText });
  return { ...otp, sendFailedOffline: () => offline.current };
}
