# Function to reverse the digits of num
def reverseDigits(num):
    rev_num = 0
    while num > 0:
        # Append the last digit of num to rev_num
        rev_num = rev_num * 10 + num % 10
        num = num // 10
    return rev_num


# Function to check if n is a palindrome
def isPalindrome(n):
    # A number is a palindrome if it is equal to its reverse
    return reverseDigits(n) == n


# Driver code
arr = [12321, 4562, 9889]
for n in arr:
    if isPalindrome(n):
        print("Yes")
    else:
        print("No")
