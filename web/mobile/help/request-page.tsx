import { useEffect, useId, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { SelfReportForm } from '../../../contracts/assistance';
import {
  check,
  emptyForm,
  fromDraft,
  looksLikeMobile,
  screenFieldOf,
  toScreeningForm,
  type FormState,
  type Problem,
  problemText,
  serverProblem,
  textProblem,
} from '../assistance/form-model';
import { useNav } from '../nav';
import { useMLang } from '../texts';
import { useST } from '../assistance/texts';
import { useFormEdits } from '../assistance/use-form-edits';
import { AreaPicker } from './area-picker';
import { useSelfReport, type SelfReportInput, type SelfReportView } from './help-api';
import { useHelpOtp } from './help-otp';
import { useHErrorText, useHQueueErrorText, useHT } from './help-texts';
import { CodeField, PhoneField, compactPhone, maskPhone } from '../kit/otp';
import { canEdit, newClientRef, offlineStore } from '../kit/offline/store';
import { useOnline } from '../kit/offline/hooks';
import { type ItemError, type OfflineItem } from '../kit/offline/db';
import { useHelpSync } from './help-sync';
import {
  CODE_REQUIRED,
  HELP_OWNER,
  HELP_RECEIPT_KIND,
  HELP_REQUEST_KIND,
  formIssuesOf,
  requestLabel,
  type HelpReceipt,
  type HelpRequestPayload,
} from './offline-request';
import { useReceipts } from './receipts';
import { CauseChips } from '../kit/cause-chips';
import { SizeField } from '../kit/controls';
import { MoneyFields } from '../kit/yuan-input';
import { Field, SectionHead, describedBy } from '../kit/field';
import { HeadFields } from '../kit/head-fields';
import { MemberList } from '../kit/member-fieldset';
import { NeedList } from '../kit/need-fieldset';
import { maxOf } from '../kit/bounds';
import { ActionBar, Banner, ReviewRow, focusFirstInvalid } from '../kit/page';

const FORM = SelfReportForm.shape;

type Step = 'phone' | 'form' | 'code';
const STEPS: readonly Step[] = ['phone', 'form', 'code'];
const STEP_TITLE = { phone: 'req.step1', form: 'req.step2', code: 'req.step3' } as const;

type Errors = Record<string, string>;
/** Kept on the phone's queue: to be sent when online, or waiting for a code first. */
type Kept = 'waiting' | 'noCode';
type QueuedRequest = OfflineItem<HelpRequestPayload>;

/** A network failure or the server away: the request waits on the phone instead. */
const sendLater = (err: unknown) =>
  !isApiError(err) ||
  err.status === 0 ||
  err.status === 429 ||
  err.status >= 500 ||
  err.code === 'client.bad_response';

/**
 * 我要求助: the phone and its code, the family's situation in a short form, then 提交. Without a
 * network the request waits on the phone (the offline queue, owner 'public'), under the clientRef
 * made when the page opened; with ?item=<id> the page fixes a queued request the server refused.
 */
export function HelpRequestPage({ itemId = null }: { itemId?: string | null }) {
  const t = useHT();
  const mt = useST();
  const lang = useMLang();
  const errorText = useHErrorText();
  const { navigate } = useNav();
  const uid = useId();
  const fid = (name: string) => `${uid}-${name}`;
  const otp = useHelpOtp();
  const submit = useSelfReport();
  const syncer = useHelpSync();
  const queueErrorText = useHQueueErrorText();
  const online = useOnline();

  const [step, setStep] = useState<Step>('phone');
  const [form, setForm] = useState<FormState>(emptyForm);
  const [areaComplete, setAreaComplete] = useState(false);
  const [story, setStory] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [done, setDone] = useState<SelfReportView | null>(null);
  // The request's idempotency key: made once when the page opens, the same for every retry.
  const [clientRef] = useState(() => itemId ?? newClientRef());
  const [queued, setQueued] = useState<QueuedRequest | null | undefined>(itemId ? undefined : null);
  const [kept, setKept] = useState<Kept | null>(null);
  // The phone could not get a code (no network): the worker fills in the form meanwhile.
  const [noSignal, setNoSignal] = useState(false);
  const [keeping, setKeeping] = useState(false);
  const topRef = useRef<HTMLHeadingElement>(null);

  const say = (p: Problem) => problemText(mt, p);
  // Everything marked is fixed: the "please fix" line goes too.
  const edits = useFormEdits(setForm, setErrors, () => setBanner(null));
  const { clear, set } = edits;

  const show = (next: Step) => {
    setStep(next);
    setBanner(null);
    window.scrollTo({ top: 0 });
    window.requestAnimationFrame(() => topRef.current?.focus({ preventScroll: true }));
  };
  const focusFirstError = () => focusFirstInvalid('.hp-page');

  /** The server's refusal of a queued request, marked where the worker fixes it. */
  const showItemErrors = (error: ItemError | undefined, members: number) => {
    const fields = error?.fields ?? [];
    const noFederation = error?.code === 'self_report.no_federation';
    const formErrors: Errors = {};
    for (const issue of formIssuesOf(error)) {
      formErrors[issue.path] = noFederation
        ? queueErrorText(error.code, '')
        : say(serverProblem(issue, issue.path, members));
    }
    const codeRefused = fields.some((f) => f.path === 'body.code') && error?.code !== 'otp.required';
    if (codeRefused) otp.setCodeError(t('error.otp.invalid'));
    const phoneRefused = fields.some((f) => f.path === 'body.phone');
    if (phoneRefused) otp.setPhoneError(t('v.phone'));
    if (Object.keys(formErrors).length > 0) {
      setErrors(formErrors);
      show('form');
      setBanner(noFederation ? queueErrorText(error.code, '') : t('v.fix'));
      return;
    }
    if (phoneRefused) {
      show('phone');
      return;
    }
    // The code was refused (expired, wrong) or never got: the code step asks for a fresh one.
    show('code');
    if (error && fields.length === 0) setBanner(queueErrorText(error.code, error.message));
  };

  // ?item=<id>: the queued request back in the form, once, with what the server refused.
  const [opened] = useState(() => ({ itemId }));
  useEffect(() => {
    if (!opened.itemId) return;
    void offlineStore()
      .get<HelpRequestPayload>(opened.itemId)
      .then((i) => {
        if (!i || i.owner !== HELP_OWNER || i.kind !== HELP_REQUEST_KIND || !canEdit(i)) {
          setQueued(null);
          return;
        }
        const { form: queuedForm, phone } = i.payload;
        setForm(fromDraft(queuedForm as unknown as Record<string, unknown>));
        setStory(queuedForm.story ?? '');
        setAreaComplete(Boolean(queuedForm.divisionCode));
        otp.setPhone(phone);
        setQueued(i);
        showItemErrors(i.lastError, queuedForm.members?.length ?? 0);
      });
    // Once, when the page opens: later edits are the worker's.
  }, [opened]);

  /**
   * Keeps the request on the phone under its clientRef (a queued one gets its new payload back in
   * line); without a code it waits for one, else the syncer sends it as soon as it can.
   */
  const keep = async (payload: HelpRequestPayload, withCode: boolean) => {
    const store = offlineStore();
    const label = requestLabel(payload);
    if (await store.get(clientRef)) await store.replacePayload(clientRef, payload, { label });
    else await store.enqueue({ kind: HELP_REQUEST_KIND, owner: HELP_OWNER, label, payload, id: clientRef });
    if (!withCode) await store.update(clientRef, { state: 'invalid', lastError: CODE_REQUIRED });
  };

  const showKept = (how: Kept) => {
    otp.reset();
    setKept(how);
    window.scrollTo({ top: 0 });
  };

  /** A fixed queued request: back in line, and sent now if the network allows. */
  const resend = async (payload: HelpRequestPayload) => {
    await keep(payload, true);
    if (!navigator.onLine) {
      showKept('waiting');
      return;
    }
    await syncer.run(HELP_OWNER);
    const store = offlineStore();
    const after = await store.get<HelpRequestPayload>(clientRef);
    if (!after) {
      const receipt = await store.getRecord<HelpReceipt>(HELP_OWNER, HELP_RECEIPT_KIND, clientRef);
      if (receipt) {
        otp.reset();
        setDone({ reference: receipt.data.reference, received: true });
        window.scrollTo({ top: 0 });
        return;
      }
      showKept('waiting');
      return;
    }
    if (after.state === 'invalid') {
      otp.setCode('');
      showItemErrors(after.lastError, payload.form.members?.length ?? 0);
      return;
    }
    showKept('waiting');
  };

  const checkForm = (): Errors => {
    const found: Errors = {};
    for (const [path, p] of Object.entries(check(form))) {
      if (path !== 'screenedOn') found[path] = say(p);
    }
    const storyProblem = textProblem(SelfReportForm.shape.story, story);
    if (storyProblem) found.story = say(storyProblem);
    if (form.divisionCode && !areaComplete) found.divisionCode = t('v.area');
    if (!form.divisionCode) found.divisionCode = t('v.choose', { field: t('req.area') });
    return found;
  };

  const next = async () => {
    if (step === 'phone') {
      // One tap: a code already on its way to this number is enough, else ask for one now.
      if (!otp.hasCodeFor(otp.phone)) {
        let offline = !navigator.onLine;
        if (!offline && !(await otp.send())) {
          if (!otp.sendFailedOffline()) return;
          offline = true;
        }
        if (offline) {
          // No signal: the worker fills in the form now and gets the code once online.
          if (!looksLikeMobile(otp.phone)) {
            otp.setPhoneError(t('v.phone'));
            return;
          }
          setNoSignal(true);
        } else {
          setNoSignal(false);
        }
      }
      show('form');
      return;
    }
    if (step === 'form') {
      const found = checkForm();
      setErrors(found);
      if (Object.keys(found).length > 0) {
        setBanner(t('v.fix'));
        focusFirstError();
        return;
      }
      show('code');
    }
  };

  const doSubmit = async () => {
    const found = checkForm();
    if (Object.keys(found).length > 0) {
      setErrors(found);
      show('form');
      setBanner(t('v.fix'));
      focusFirstError();
      return;
    }
    // Without a network and without a code: kept on the phone until a code can be had.
    const withoutCode = otp.code.length === 0 && !otp.sentTo && !navigator.onLine;
    if (!withoutCode) {
      if (!otp.sentTo && otp.code.length === 0) {
        otp.setCodeError(t('otp.needSend'));
        focusFirstError();
        return;
      }
      if (!otp.codeReady()) return;
    }
    setBanner(null);
    const full = toScreeningForm(form);
    const { method: _m, screenedOn: _s, campaignId: _c, leads: _l, phone: _p, ...rest } = full;
    const payload: HelpRequestPayload = {
      phone: compactPhone(otp.sentTo ?? otp.phone),
      code: otp.code,
      form: { ...rest, ...(story.trim() ? { story: story.trim() } : {}) },
    };
    const body: SelfReportInput = { ...payload, clientRef };
    setKeeping(true);
    try {
      if (withoutCode) {
        await keep(payload, false);
        showKept('noCode');
        return;
      }
      // A queued request goes back in line; offline, a new one joins it.
      if (queued) {
        await resend(payload);
        return;
      }
      if (!navigator.onLine) {
        await keep(payload, true);
        void syncer.run(HELP_OWNER);
        showKept('waiting');
        return;
      }
    } catch (err) {
      setBanner(errorText(err));
      return;
    } finally {
      setKeeping(false);
    }
    try {
      const result = await submit.mutateAsync(body);
      otp.reset();
      setDone(result);
      window.scrollTo({ top: 0 });
    } catch (err) {
      if (sendLater(err)) {
        // The line dropped or the server is away: kept on the phone, sent when it is back (under
        // the same clientRef, so a request that did arrive is not made twice).
        try {
          await keep(payload, true);
          void syncer.run(HELP_OWNER);
          showKept('waiting');
        } catch {
          setBanner(errorText(err));
        }
        return;
      }
      if (!isApiError(err)) {
        setBanner(errorText(err));
        return;
      }
      const formErrors: Errors = {};
      let codeWrong = false;
      for (const issue of err.fieldErrors) {
        if (issue.field === 'body.code') {
          codeWrong = true;
          otp.setCodeError(t('error.otp.invalid'));
        } else if (issue.field === 'body.phone') {
          otp.setPhoneError(t('v.phone'));
        } else {
          const path = screenFieldOf(issue.field);
          formErrors[path] =
            err.code === 'self_report.no_federation'
              ? errorText(err)
              : say(serverProblem(issue, path, form.members.length));
        }
      }
      if (Object.keys(formErrors).length > 0) {
        setErrors(formErrors);
        show('form');
        setBanner(err.code === 'self_report.no_federation' ? errorText(err) : t('v.fix'));
        focusFirstError();
        return;
      }
      if (err.fieldErrors.some((f) => f.field === 'body.phone')) {
        show('phone');
        return;
      }
      if (codeWrong) {
        focusFirstError();
        return;
      }
      setBanner(errorText(err));
      focusFirstError();
    }
  };

  if (kept) return <KeptPage kept={kept} clientRef={clientRef} onHome={() => navigate('/m/help')} />;
  if (queued === undefined) return <p className="m-center ms-muted">{t('req.loading')}</p>;
  if (opened.itemId && queued === null && !done) {
    return (
      <div className="m-center" data-testid="help-item-gone">
        <p>{t('req.itemGone')}</p>
        <button type="button" className="ms-btn ms-btn-primary" onClick={() => navigate('/m/help')}>
          {t('help.home')}
        </button>
      </div>
    );
  }

  if (done) {
    return (
      <section className="ms-result hp-page" data-testid="help-result" data-reference={done.reference}>
        <div className="ms-result-icon" aria-hidden="true">
          ✓
        </div>
        <h1 className="hp-done-title">{t('req.doneTitle')}</h1>
        <p className="hp-ref">
          {t('req.reference')}
          <strong className="ms-mono" data-testid="help-reference">
            {done.reference}
          </strong>
        </p>
        <ul className="ms-result-lines">
          <li data-testid="help-result-received">{t('req.received')}</li>
          <li>{t('req.nextSteps')}</li>
          <li>{t('req.howToCheck')}</li>
        </ul>
        <div className="ms-result-actions">
          <button
            type="button"
            className="ms-btn ms-btn-primary"
            data-testid="help-goto-status"
            onClick={() => navigate('/m/help/status')}
          >
            {t('help.status')}
          </button>
          <button type="button" className="ms-btn" onClick={() => navigate('/m/help')}>
            {t('help.home')}
          </button>
        </div>
      </section>
    );
  }

  const err = (path: string): string | undefined => errors[path];
  const index = STEPS.indexOf(step);
  const submitting = submit.isPending || keeping;
  // No code to be had now: the last step keeps the request on the phone instead.
  const keepOnly = step === 'code' && !online && !otp.sentTo && otp.code.length === 0;

  const formStep = (
    <>
      {noSignal && !otp.sentTo ? (
        <p className="ms-hint ms-lead" data-testid="help-no-signal">
          {t('req.offlinePhone')}
        </p>
      ) : null}
      <p className="ms-hint ms-lead">{t('req.formLead')}</p>
      <HeadFields
        value={form}
        onChange={(field, v) => set(field, v)}
        errorOf={err}
        fid={fid}
        testIds={{
          name: 'help-name',
          idNumber: 'help-id-number',
          situation: 'help-situation',
          address: 'help-address',
        }}
        words={{
          name: t('req.headName'),
          idNumber: mt('f.idNumber'),
          idNumberHint: mt('f.idNumberHint'),
          situation: t('req.situation'),
          choose: mt('f.choose'),
          address: t('req.address'),
          addressHint: t('req.addressHint'),
        }}
        lang={lang}
        own
        area={
          <Field
            id={fid('area')}
            label={t('req.area')}
            hint={t('req.areaHint')}
            error={err('divisionCode')}
            required
          >
            <AreaPicker
              id={fid('area')}
              testId="help-division"
              value={form.divisionCode}
              onChange={(code, complete) => {
                set('divisionCode', code);
                setAreaComplete(complete);
              }}
              invalid={Boolean(err('divisionCode'))}
              describedBy={describedBy(fid('area'), err('divisionCode'), t('req.areaHint'))}
            />
          </Field>
        }
      />
      <SizeField
        id={fid('size')}
        label={t('req.size')}
        testId="help-size"
        value={form.householdSize}
        onChange={(v) => set('householdSize', v)}
        error={err('householdSize')}
        minusLabel={mt('f.sizeMinus')}
        plusLabel={mt('f.sizePlus')}
      />
      <MoneyFields
        value={form}
        onChange={set}
        errorOf={err}
        fid={fid}
        testIds={{ income: 'help-income', expense: 'help-expense' }}
        words={{
          income: t('req.income'),
          incomeHint: t('req.incomeHint'),
          expense: t('req.expense'),
          expenseHint: t('req.expenseHint'),
        }}
      />
      <CauseChips
        id={fid('causes')}
        label={t('req.causes')}
        value={form.causes}
        onChange={(causes) => set('causes', causes)}
        lang={lang}
        testIdPrefix="help-cause"
      />

      <SectionHead label={t('req.members')} hint={t('req.membersHint')} />
      <MemberList
        rows={form.members}
        title={(n) => t('req.member', { n })}
        testIdPrefix="help-member"
        fid={fid}
        errorOf={err}
        say={mt}
        lang={lang}
        onChange={edits.setMember}
        onRemove={edits.removeMember}
        add={{
          label: t('req.addMember'),
          testId: 'help-member-add',
          onClick: edits.addMember,
          max: maxOf(FORM.members),
        }}
      />

      <SectionHead label={t('req.needs')} hint={t('req.needsHint')} />
      <NeedList
        rows={form.needs}
        title={(n) => t('req.need', { n })}
        testIdPrefix="help-need"
        fid={fid}
        errorOf={err}
        say={mt}
        lang={lang}
        onChange={edits.setNeed}
        onRemove={edits.removeNeed}
        add={{
          label: t('req.addNeed'),
          testId: 'help-need-add',
          onClick: edits.addNeed,
          max: maxOf(FORM.needs),
        }}
      />

      <Field id={fid('story')} label={t('req.story')} hint={t('req.storyHint')} error={err('story')}>
        <textarea
          id={fid('story')}
          className="ms-textarea"
          data-testid="help-story"
          rows={5}
          value={story}
          maxLength={maxOf(FORM.story)}
          aria-invalid={Boolean(err('story')) || undefined}
          aria-describedby={describedBy(fid('story'), err('story'), t('req.storyHint'))}
          onChange={(e) => {
            setStory(e.target.value);
            clear('story');
          }}
        />
      </Field>
    </>
  );

  const codeStep = (
    <>
      <p className="ms-hint ms-lead">{t('req.codeLead')}</p>
      {keepOnly ? (
        <p className="ms-hint ms-lead" data-testid="help-no-signal">
          {t('req.offlineCode')}
        </p>
      ) : null}
      <dl className="ms-review">
        <ReviewRow
          label={t('otp.phone')}
          valueClassName="ms-mono"
          edit={t('otp.changePhone')}
          onEdit={() => show('phone')}
        >
          {maskPhone(otp.sentTo ?? otp.phone)}
        </ReviewRow>
        <ReviewRow label={t('req.headName')} edit={mt('f.edit')} onEdit={() => show('form')}>
          {form.headName} · {mt('f.people', { n: form.householdSize })}
        </ReviewRow>
      </dl>
      <CodeField
        otp={otp}
        id={fid('code')}
        testIds={{ code: 'help-code', send: 'help-send-code' }}
        withResend
      />
    </>
  );

  return (
    <div className="hp-page ms-wizard">
      <ol className="hp-progress" aria-label={t('req.step', { n: index + 1 })}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={i === index ? 'hp-on' : i < index ? 'hp-done' : undefined}
            aria-current={i === index ? 'step' : undefined}
          >
            <span className="hp-progress-no">{i + 1}</span>
            {t(STEP_TITLE[s])}
          </li>
        ))}
      </ol>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step === 'code') void doSubmit();
          else void next();
        }}
      >
        <h1 className="hp-title" ref={topRef} tabIndex={-1}>
          {t('help.request')} · {t(STEP_TITLE[step])}
        </h1>
        {queued ? (
          <p className="ms-hint ms-lead" data-testid="help-fix-lead">
            {t('req.fixLead')}
          </p>
        ) : null}
        {step === 'phone' ? (
          <>
            <p className="ms-hint ms-lead">{t('req.phoneLead')}</p>
            {online ? null : (
              <p className="ms-hint ms-lead" data-testid="help-no-signal">
                {t('req.offlinePhone')}
              </p>
            )}
            <PhoneField
              otp={otp}
              id={fid('phone')}
              testIds={{ phone: 'help-phone', send: 'help-send-code' }}
            />
            <p className="hp-privacy">{t('help.privacy')}</p>
          </>
        ) : null}
        {step === 'form' ? formStep : null}
        {step === 'code' ? codeStep : null}
        <Banner text={banner} testId="help-error" />
        <ActionBar
          className="hp-actions"
          back={{
            label: index === 0 ? t('help.back') : t('req.prev'),
            onClick: () => (index === 0 ? navigate('/m/help') : show(STEPS[index - 1])),
            disabled: submitting,
          }}
          submit={
            step === 'code'
              ? {
                  label: submitting ? t('req.submitting') : keepOnly ? t('req.keep') : t('req.submit'),
                  disabled: submitting,
                  testId: 'help-submit',
                }
              : { label: t('req.next'), disabled: otp.sending, testId: 'help-next' }
          }
        />
      </form>
    </div>
  );
}

/**
 * After a request went to the phone's queue: what happens next, in plain words; once the queue
 * has sent it (this page still open), its 受理编号 shows here.
 */
function KeptPage({ kept, clientRef, onHome }: { kept: Kept; clientRef: string; onHome: () => void }) {
  const t = useHT();
  const receipt = useReceipts().find((r) => r.key === clientRef);
  if (receipt) {
    return (
      <section
        className="ms-result hp-page"
        data-testid="help-result"
        data-reference={receipt.data.reference}
      >
        <div className="ms-result-icon" aria-hidden="true">
          ✓
        </div>
        <h1 className="hp-done-title">{t('req.doneTitle')}</h1>
        <p className="hp-ref">
          {t('req.reference')}
          <strong className="ms-mono" data-testid="help-reference">
            {receipt.data.reference}
          </strong>
        </p>
        <ul className="ms-result-lines">
          <li data-testid="help-result-received">{t('req.received')}</li>
          <li>{t('req.nextSteps')}</li>
        </ul>
        <div className="ms-result-actions">
          <button type="button" className="ms-btn ms-btn-primary" onClick={onHome}>
            {t('help.home')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="ms-result hp-page" data-testid="help-queued" data-state={kept} aria-live="polite">
      <div className="ms-result-icon" aria-hidden="true">
        ⇅
      </div>
      <h1 className="hp-done-title">{t('req.queuedTitle')}</h1>
      <ul className="ms-result-lines">
        <li data-testid="help-queued-next">{t(kept === 'noCode' ? 'req.queuedNoCode' : 'req.queuedLead')}</li>
        <li>{t('req.queuedKeep')}</li>
      </ul>
      <div className="ms-result-actions">
        <button
          type="button"
          className="ms-btn ms-btn-primary"
          onClick={onHome}
          data-testid="help-queued-home"
        >
          {t('help.home')}
        </button>
      </div>
    </section>
  );
}
