// A drawn signature (R-WO-4) on a canvas sized for the device's pixel ratio; reports a PNG
// data URL after every stroke, or null when cleared.
import { ClearOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePadLib from 'signature_pad';

export function SignaturePad({ onChange, height = 200 }: { onChange: (png: string | null) => void; height?: number }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadLib | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePadLib(canvas, { penColor: '#0b1f44', backgroundColor: 'rgb(255,255,255)', minWidth: 0.8, maxWidth: 2.6 });
    padRef.current = pad;
    let width = -1;
    const resize = () => {
      if (canvas.offsetWidth === width) return; // phones resize the page when the address bar hides; the width stays
      width = canvas.offsetWidth;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const strokes = pad.toData(); // resizing a canvas wipes it: redraw what was signed
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      if (strokes.length) pad.fromData(strokes);
      changeRef.current(pad.isEmpty() ? null : pad.toDataURL('image/png'));
    };
    resize();
    const onEnd = () => changeRef.current(pad.isEmpty() ? null : pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', onEnd);
    // The canvas's own box, not the window: a card above that grows or a scrollbar that comes
    // and goes changes its width without a window resize, and a canvas whose pixels no longer
    // match its box draws the stroke away from the finger.
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      padRef.current = null;
    };
  }, []);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div style={{ border: '1px dashed #8c8c8c', borderRadius: 8, background: '#fff', position: 'relative' }}>
        <canvas
          ref={canvasRef}
          data-testid="signature-canvas"
          style={{ width: '100%', height, display: 'block', touchAction: 'none', borderRadius: 8 }}
          aria-label={t('workOrder.signHere')}
        />
        <Typography.Text type="secondary" style={{ position: 'absolute', left: 12, bottom: 8, pointerEvents: 'none', fontSize: 12 }}>
          {t('workOrder.signHere')}
        </Typography.Text>
      </div>
      <Button
        data-testid="signature-clear"
        icon={<ClearOutlined />}
        onClick={() => {
          padRef.current?.clear();
          onChange(null);
        }}
      >
        {t('workOrder.clearSignature')}
      </Button>
    </Space>
  );
}
