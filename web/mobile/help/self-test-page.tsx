import { useId, useState } from 'react';
import { isApiError } from '../../api/client';
import { formatYuan, yuanTextToFen } from '../../components/money/money';
import { useNav } from '../nav';
import { useMLang } from '../texts';
import { useST } from '../assistance/texts';
import { AreaPicker } from './area-picker';
import { useSelfTest, type AssessmentView } from './help-api';
import { useHErrorText, useHT } from './help-texts';
import { withoutPaths } from '../assistance/form-model';
import { SizeField } from '../kit/controls';
import { MoneyFields } from '../kit/yuan-input';
import { Field, describedBy } from '../kit/field';
import { SelfTestBody } from '../../../contracts/assistance';
import { maxOf } from '../kit/bounds';
import { ActionBar, Banner } from '../kit/page';

type Errors = Record<string, string>;

/** 建档自测: the area's standard and the family's numbers give an estimate; nothing is stored. */
export function HelpSelfTestPage() {
  const t = useHT();
  const mt = useST();
  const lang = useMLang();
  const errorText = useHErrorText();
  const { navigate } = useNav();
  const uid = useId();
  const fid = (name: string) => `${uid}-${name}`;
  const selfTest = useSelfTest();

  const [divisionCode, setDivisionCode] = useState('');
  const [areaComplete, setAreaComplete] = useState(false);
  const [size, setSize] = useState('1');
  const [income, setIncome] = useState('');
  const [expense, setExpense] = useState('');
  const [sudden, setSudden] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [result, setResult] = useState<AssessmentView | null>(null);

  const clear = (key: string) => setErrors((e) => withoutPaths(e, [key]));

  const submit = async () => {
    setBanner(null);
    const found: Errors = {};
    if (!divisionCode || !areaComplete) found.divisionCode = t('v.choose', { field: t('req.area') });
    const n = Number(size);
    if (!/^\d{1,2}$/.test(size) || n < 1 || n > 30) found.householdSize = mt('v.size');
    const incomeFen = yuanTextToFen(income);
    const expenseFen = yuanTextToFen(expense);
    if (!income.trim()) found.annualIncome = t('v.required', { field: t('req.income') });
    else if (incomeFen === undefined) found.annualIncome = mt('v.amount');
    if (!expense.trim()) found.rigidExpense = t('v.required', { field: t('req.expense') });
    else if (expenseFen === undefined) found.rigidExpense = mt('v.amount');
    setErrors(found);
    if (Object.keys(found).length > 0 || incomeFen === undefined || expenseFen === undefined) {
      setBanner(t('v.fix'));
      return;
    }
    try {
      const assessment = await selfTest.mutateAsync({
        divisionCode,
        householdSize: n,
        annualIncomeFen: incomeFen,
        rigidExpenseFen: expenseFen,
        ...(sudden.trim() ? { suddenEvent: sudden.trim() } : {}),
      });
      setResult(assessment);
      window.requestAnimationFrame(() =>
        document.querySelector('[data-testid="selftest-verdict"]')?.scrollIntoView({ block: 'start' }),
      );
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.some((f) => f.field.endsWith('divisionCode'))) {
        setErrors({ divisionCode: errorText(err) });
      }
      setBanner(errorText(err));
    }
  };

  const change =
    <T,>(setter: (v: T) => void, key: string) =>
    (v: T) => {
      setter(v);
      clear(key);
      setResult(null);
    };
  const err = (key: string) => errors[key];

  const categoryText = result?.category ? t(`test.cat.${result.category}`) : '';

  return (
    <div className="hp-page ms-wizard">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1 className="hp-title">{t('help.selftest')}</h1>
        <p className="ms-hint ms-lead">{t('test.lead')}</p>
        <Field id={fid('area')} label={t('req.area')} error={err('divisionCode')} required>
          <AreaPicker
            id={fid('area')}
            testId="selftest-division"
            depth={3}
            value={divisionCode}
            onChange={(code, complete) => {
              change(setDivisionCode, 'divisionCode')(code);
              setAreaComplete(complete);
            }}
            invalid={Boolean(err('divisionCode'))}
            describedBy={describedBy(fid('area'), err('divisionCode'))}
          />
        </Field>
        <SizeField
          id={fid('size')}
          label={t('req.size')}
          testId="selftest-size"
          value={size}
          onChange={change(setSize, 'householdSize')}
          error={err('householdSize')}
          minusLabel={mt('f.sizeMinus')}
          plusLabel={mt('f.sizePlus')}
        />
        <MoneyFields
          value={{ annualIncome: income, rigidExpense: expense }}
          onChange={(field, v) => change(field === 'annualIncome' ? setIncome : setExpense, field)(v)}
          errorOf={err}
          fid={fid}
          testIds={{ income: 'selftest-income', expense: 'selftest-expense' }}
          words={{
            income: t('req.income'),
            incomeHint: t('req.incomeHint'),
            expense: t('req.expense'),
            expenseHint: t('req.expenseHint'),
          }}
        />
        <Field id={fid('sudden')} label={t('test.sudden')} hint={t('test.suddenHint')}>
          <input
            id={fid('sudden')}
            className="ms-input"
            data-testid="selftest-sudden"
            value={sudden}
            maxLength={maxOf(SelfTestBody.shape.suddenEvent)}
            aria-describedby={describedBy(fid('sudden'), undefined, t('test.suddenHint'))}
            onChange={(e) => change(setSudden, 'suddenEvent')(e.target.value)}
          />
        </Field>
        <Banner text={banner} testId="selftest-error" />
        <ActionBar
          className="hp-actions"
          back={{ label: t('help.back'), onClick: () => navigate('/m/help') }}
          submit={{
            label: selfTest.isPending ? t('test.working') : t('test.submit'),
            disabled: selfTest.isPending,
            testId: 'selftest-submit',
          }}
        />
      </form>

      {result ? (
        <section
          className={`hp-verdict ${result.eligible ? 'hp-verdict-yes' : 'hp-verdict-no'}`}
          data-testid="selftest-verdict"
          data-eligible={String(result.eligible)}
          data-category={result.category ?? ''}
          aria-live="polite"
        >
          <h2 className="hp-verdict-title">
            {result.eligible ? t('test.yes', { category: categoryText }) : t('test.no')}
          </h2>
          <div className="hp-figure">
            <span className="hp-figure-label">{t('test.perCapita')}</span>
            <strong className="hp-figure-value" data-testid="selftest-per-capita">
              {formatYuan(result.perCapitaMonthlyFen, lang)}
            </strong>
          </div>
          {!result.eligible ? <p className="hp-verdict-hint">{t('test.noHint')}</p> : null}
          <h3 className="hp-steps-title">{t('test.howTitle')}</h3>
          <ol className="hp-steps" data-testid="selftest-steps">
            {result.steps.map((s, i) => (
              <li key={i}>{s[lang]}</li>
            ))}
          </ol>
          <p className="ms-note" data-testid="selftest-note">
            {t('test.note')}
          </p>
          <div className="ms-result-actions">
            <button
              type="button"
              className="ms-btn ms-btn-primary"
              data-testid="selftest-request"
              onClick={() => navigate('/m/help/request')}
            >
              {t('help.request')}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
