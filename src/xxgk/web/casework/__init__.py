"""Casework: the register of 政府信息公开申请 with the statutory clock."""
