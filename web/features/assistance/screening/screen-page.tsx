import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, List, Skeleton, Space, Typography } from 'antd';
import { useI18n } from '../../../app/i18n';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/page-header';
import { ScreeningResult } from '../../../mobile/assistance/result-view';
import { ScreeningWizard } from '../../../mobile/assistance/screening-form';
import { MLangContext } from '../../../mobile/texts';
import { useDrafts, type SubmitResultView } from '../core/hooks';
import '../core/assistance.css';

/**
 * 新增摸排 in the back office: the phone's stepped form, laid out beside its step list. With
 * ?draft=<id> it continues a draft; my other drafts are listed beside it.
 */
export function ScreenPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const drafts = useDrafts();
  // The draft the page opened with: later saves put a new draft's id in the address, which must
  // not reset the form.
  const [opened, setOpened] = useState(() => ({ draftId: params.get('draft'), visit: 0 }));
  const [done, setDone] = useState<{ result: SubmitResultView; headName: string } | null>(null);

  const start = (draftId: string | null) => {
    setDone(null);
    setOpened((o) => ({ draftId, visit: o.visit + 1 }));
    setParams(draftId ? { draft: draftId } : {}, { replace: true });
  };

  let body;
  if (done) {
    body = (
      <ScreeningResult
        result={done.result}
        headName={done.headName}
        actions={
          <>
            <Link
              to={`/alliance/households/${done.result.householdId}`}
              className="ms-btn ms-btn-primary"
              data-testid="m-open"
            >
              {t('screen.openHousehold')}
            </Link>
            <button type="button" className="ms-btn" onClick={() => start(null)} data-testid="m-again">
              {t('screen.again')}
            </button>
          </>
        }
      />
    );
  } else if (opened.draftId && drafts.isPending) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else {
    const draft = opened.draftId ? drafts.data?.find((d) => d.id === opened.draftId) : undefined;
    body = (
      <>
        {opened.draftId && !draft ? (
          <Alert type="warning" showIcon title={t('screen.draftGone')} style={{ marginBottom: 16 }} />
        ) : null}
        <ScreeningWizard
          key={`${opened.draftId ?? 'new'}-${opened.visit}`}
          layout="desktop"
          draft={draft}
          onDraftCreated={(id) => setParams({ draft: id }, { replace: true })}
          onDone={(result, headName) => {
            setParams({}, { replace: true });
            setDone({ result, headName });
          }}
        />
      </>
    );
  }

  const others = (drafts.data ?? []).filter((d) => d.id !== opened.draftId);

  return (
    <MLangContext.Provider value={lang}>
      <PageHeader title={t('screen.title')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>{body}</Card>
        {others.length > 0 ? (
          <Card size="small" title={t('screen.myDrafts', { n: others.length })}>
            <List
              size="small"
              dataSource={others}
              renderItem={(d) => (
                <List.Item
                  key={d.id}
                  actions={[
                    <Button
                      key="open"
                      type="link"
                      size="small"
                      onClick={() => start(d.id)}
                      data-testid={`screen-draft-${d.id}`}
                    >
                      {t('screen.continue')}
                    </Button>,
                  ]}
                >
                  <Space>
                    <Typography.Text strong>
                      {typeof d.form.headName === 'string' && d.form.headName
                        ? d.form.headName
                        : t('screen.unnamed')}
                    </Typography.Text>
                    <span className="uc-muted uc-small">{formatDateTime(d.updatedAt)}</span>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        ) : null}
      </Space>
    </MLangContext.Provider>
  );
}
