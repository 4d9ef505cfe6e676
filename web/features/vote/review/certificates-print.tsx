import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useErrorText, useI18n } from '../../../app/i18n';
import { useCertificates } from './review-api';
import './review.css';

/** 荣誉证书: one sheet per named or nominated person of the final list, ready for the printer. */
export function CertificatesPrintPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const errorText = useErrorText();
  const certificates = useCertificates(id);
  const items = certificates.data?.items;

  useEffect(() => {
    document.title = t('vr.cert.heading');
  }, [t]);

  return (
    <div className="vr-cert-page">
      <Space className="uc-no-print vr-cert-toolbar" wrap>
        <Link to={`/vote/campaigns/${encodeURIComponent(id)}/result`}>
          <ArrowLeftOutlined /> {t('vr.cert.back')}
        </Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          disabled={!items?.length}
          data-testid="certificates-print"
        >
          {t('vr.cert.print')}
        </Button>
      </Space>
      {certificates.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {certificates.isError ? (
        <Alert
          type="warning"
          showIcon
          title={errorText(certificates.error)}
          description={t('vr.cert.notYet')}
          data-testid="certificates-error"
        />
      ) : null}
      {items?.map((c) => (
        <article className="vr-cert" key={c.candidateId} data-testid={`certificate-${c.serial}`}>
          <h2>{t('vr.cert.heading')}</h2>
          <p className="vr-cert-body">
            {t('vr.cert.body', {
              name: c.name,
              unitName: c.unitName,
              title: c.title,
              outcome: t(c.outcome === 'named' ? 'vr.cert.named' : 'vr.cert.nominated'),
            })}
          </p>
          <div className="vr-cert-foot">
            <div>{[c.organiser, ...c.coOrganisers].join('　')}</div>
            <div>{c.issuedOn}</div>
          </div>
          <div className="vr-cert-serial">
            {t('vr.cert.serial')}：{c.serial}
          </div>
        </article>
      ))}
    </div>
  );
}
