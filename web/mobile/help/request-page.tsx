import { useId, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { SelfReportForm } from '../../../contracts/assistance';
import {
  check,
  emptyForm,
  emptyMember,
  emptyNeed,
  screenFieldOf,
  toScreeningForm,
  type FormState,
  type MemberState,
  type NeedState,
  type Problem,
  problemText,
  serverProblem,
  textProblem,
} from '../assistance/form-model';
import { useNav } from '../nav';
import { useMLang } from '../texts';
import { useST } from '../assistance/texts';
import { AreaPicker } from './area-picker';
import { useHelpOtp, useSelfReport, type SelfReportInput, type SelfReportView } from './help-api';
import { useHErrorText, useHT } from './help-texts';
import { CodeField, PhoneField, maskPhone } from '../kit/otp';
import { CauseChips } from '../kit/cause-chips';
import { SizeStepper } from '../kit/controls';
import { YuanInput } from '../kit/yuan-input';
import { Field, describedBy } from '../kit/field';
import { HeadFields } from '../kit/head-fields';
import { MemberFieldset } from '../kit/member-fieldset';
import { NeedFieldset } from '../kit/need-fieldset';
import { maxOf } from '../kit/bounds';
import { ActionBar, Banner } from '../kit/page';

const FORM = SelfReportForm.shape;

type Step = 'phone' | 'form' | 'code';
const STEPS: readonly Step[] = ['phone', 'form', 'code'];
const STEP_TITLE = { phone: 'req.step1', form: 'req.step2', code: 'req.step3' } as const;

type Errors = Record<string, string>;

/** 我要求助: the phone and its code, the family's situation in a short form, then 提交. */
export function HelpRequestPage() {
  const t = useHT();
  const mt = useST();
  const lang = useMLang();
  const errorText = useHErrorText();
  const { navigate } = useNav();
  const uid = useId();
  const fid = (name: string) => `${uid}-${name}`;
  const otp = useHelpOtp();
  const submit = useSelfReport();

  const [step, setStep] = useState<Step>('phone');
  const [form, setForm] = useState<FormState>(emptyForm);
  const [areaComplete, setAreaComplete] = useState(false);
  const [story, setStory] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [done, setDone] = useState<SelfReportView | null>(null);
  const topRef = useRef<HTMLHeadingElement>(null);

  const say = (p: Problem) => problemText(mt, p);
  const clear = (...paths: string[]) =>
    setErrors((e) => {
      if (!paths.some((p) => e[p])) return e;
      const next = { ...e };
      for (const p of paths) delete next[p];
      // Everything marked is fixed: the "please fix" line goes too.
      if (Object.keys(next).length === 0) setBanner(null);
      return next;
    });
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    clear(key as string);
  };
  const setMember = (i: number, patch: Partial<MemberState>) => {
    setForm((f) => ({ ...f, members: f.members.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));
    clear(...Object.keys(patch).map((k) => `members.${i}.${k}`));
  };
  const setNeed = (i: number, patch: Partial<NeedState>) => {
    setForm((f) => ({ ...f, needs: f.needs.map((n, j) => (j === i ? { ...n, ...patch } : n)) }));
    clear(...Object.keys(patch).map((k) => `needs.${i}.${k}`));
  };

  const show = (next: Step) => {
    setStep(next);
    setBanner(null);
    window.scrollTo({ top: 0 });
    window.requestAnimationFrame(() => topRef.current?.focus({ preventScroll: true }));
  };
  const focusFirstError = () =>
    window.requestAnimationFrame(() => {
      const first = document.querySelector<HTMLElement>('.hp-page [aria-invalid="true"], .hp-page .ms-error');
      if (!first) return;
      first.scrollIntoView({ block: 'center' });
      if (first.matches('input, select, textarea')) first.focus({ preventScroll: true });
    });

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
      if (!otp.hasCodeFor(otp.phone) && !(await otp.send())) return;
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
    if (!otp.codeReady()) return;
    setBanner(null);
    const full = toScreeningForm(form);
    const { method: _m, screenedOn: _s, campaignId: _c, leads: _l, phone: _p, ...rest } = full;
    const body: SelfReportInput = {
      phone: otp.sentTo ?? otp.phone,
      code: otp.code,
      form: { ...rest, ...(story.trim() ? { story: story.trim() } : {}) },
    };
    try {
      const result = await submit.mutateAsync(body);
      otp.reset();
      setDone(result);
      window.scrollTo({ top: 0 });
    } catch (err) {
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
  const submitting = submit.isPending;

  const formStep = (
    <>
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
      <Field id={fid('size')} label={t('req.size')} error={err('householdSize')} required>
        <SizeStepper
          id={fid('size')}
          testId="help-size"
          value={form.householdSize}
          onChange={(v) => set('householdSize', v)}
          error={err('householdSize')}
          minusLabel={mt('f.sizeMinus')}
          plusLabel={mt('f.sizePlus')}
        />
      </Field>
      <Field
        id={fid('income')}
        label={t('req.income')}
        hint={t('req.incomeHint')}
        error={err('annualIncome')}
        required
      >
        <YuanInput
          id={fid('income')}
          testId="help-income"
          value={form.annualIncome}
          onChange={(v) => set('annualIncome', v)}
          error={err('annualIncome')}
          hint={t('req.incomeHint')}
        />
      </Field>
      <Field
        id={fid('expense')}
        label={t('req.expense')}
        hint={t('req.expenseHint')}
        error={err('rigidExpense')}
        required
      >
        <YuanInput
          id={fid('expense')}
          testId="help-expense"
          value={form.rigidExpense}
          onChange={(v) => set('rigidExpense', v)}
          error={err('rigidExpense')}
          hint={t('req.expenseHint')}
        />
      </Field>
      <CauseChips
        id={fid('causes')}
        label={t('req.causes')}
        value={form.causes}
        onChange={(causes) => set('causes', causes)}
        lang={lang}
        testIdPrefix="help-cause"
      />

      <div className="ms-section-head">
        <span className="ms-label">{t('req.members')}</span>
        <span className="ms-hint">{t('req.membersHint')}</span>
      </div>
      {form.members.map((m, i) => (
        <MemberFieldset
          key={m.key}
          member={m}
          index={i}
          title={t('req.member', { n: i + 1 })}
          testIdPrefix="help-member"
          fid={fid}
          errorOf={(field) => err(`members.${i}.${field}`)}
          say={mt}
          lang={lang}
          onChange={(patch) => setMember(i, patch)}
          onRemove={() => {
            setForm((f) => ({ ...f, members: f.members.filter((_, j) => j !== i) }));
            setErrors((e) =>
              Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('members.'))),
            );
          }}
        />
      ))}
      <button
        type="button"
        className="ms-btn ms-btn-dashed"
        data-testid="help-member-add"
        disabled={form.members.length >= maxOf(FORM.members)}
        onClick={() => {
          setForm((f) => {
            const members = [...f.members, emptyMember()];
            const size = Number(f.householdSize) || 0;
            return {
              ...f,
              members,
              householdSize: size < members.length + 1 ? String(members.length + 1) : f.householdSize,
            };
          });
          clear('householdSize');
        }}
      >
        ＋ {t('req.addMember')}
      </button>

      <div className="ms-section-head">
        <span className="ms-label">{t('req.needs')}</span>
        <span className="ms-hint">{t('req.needsHint')}</span>
      </div>
      {form.needs.map((n, i) => (
        <NeedFieldset
          key={n.key}
          need={n}
          index={i}
          title={t('req.need', { n: i + 1 })}
          testIdPrefix="help-need"
          fid={fid}
          errorOf={(field) => err(`needs.${i}.${field}`)}
          say={mt}
          lang={lang}
          onChange={(patch) => setNeed(i, patch)}
          onRemove={() => {
            setForm((f) => ({ ...f, needs: f.needs.filter((_, j) => j !== i) }));
            setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('needs.'))));
          }}
        />
      ))}
      <button
        type="button"
        className="ms-btn ms-btn-dashed"
        data-testid="help-need-add"
        disabled={form.needs.length >= maxOf(FORM.needs)}
        onClick={() => setForm((f) => ({ ...f, needs: [...f.needs, emptyNeed()] }))}
      >
        ＋ {t('req.addNeed')}
      </button>

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
      <dl className="ms-review">
        <div className="ms-review-row">
          <dt>{t('otp.phone')}</dt>
          <dd className="ms-mono">{maskPhone(otp.sentTo ?? otp.phone)}</dd>
          <button type="button" className="ms-link" onClick={() => show('phone')}>
            {t('otp.changePhone')}
          </button>
        </div>
        <div className="ms-review-row">
          <dt>{t('req.headName')}</dt>
          <dd>
            {form.headName} · {mt('f.people', { n: form.householdSize })}
          </dd>
          <button type="button" className="ms-link" onClick={() => show('form')}>
            {mt('f.edit')}
          </button>
        </div>
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
        {step === 'phone' ? (
          <>
            <p className="ms-hint ms-lead">{t('req.phoneLead')}</p>
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
                  label: submitting ? t('req.submitting') : t('req.submit'),
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
