// A screen's heading: the h4 every page and card header uses (antd Title, level 4, no margin).
import { Typography } from 'antd';
import type { ComponentProps } from 'react';

export function PageTitle(props: Omit<ComponentProps<typeof Typography.Title>, 'level' | 'style'>) {
  return <Typography.Title level={4} style={{ margin: 0 }} {...props} />;
}
